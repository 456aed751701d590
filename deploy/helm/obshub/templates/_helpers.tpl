{{/* Names and labels shared by every template. */}}

{{- define "obshub.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's base name: the release name, with the chart name unless it already holds it. */}}
{{- define "obshub.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The Secret the settings with passwords come from. */}}
{{- define "obshub.secretName" -}}
{{- .Values.existingSecret | default (include "obshub.fullname" .) }}
{{- end }}

{{/* Labels of every object; called with (dict "root" $ "role" "<role>") or (dict "root" $). */}}
{{- define "obshub.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "obshub.selectorLabels" . }}
{{- end }}

{{- define "obshub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "obshub.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .role }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/* The roles in a fixed order (SERVICES values of src/hub.ts). */}}
{{- define "obshub.roles" -}}
ingest query relay jobs admin broker
{{- end }}
