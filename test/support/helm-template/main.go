// helm-template renders a Helm chart the way `helm template` does, for the deployment tests on machines
// without the helm binary (Debian ships none). It uses the same engine Helm does: Go's text/template with
// the Sprig function library (minus env and expandenv, as Helm removes them) plus Helm's own functions
// (include, tpl, required, toYaml, toJson, fromYaml, fromJson, lookup), the same built-in objects
// (.Values, .Release, .Chart, .Capabilities, .Template) and Helm's handling of partials (templates/_*),
// missing keys ("<no value>" rendered empty) and values files (-f, merged in order over values.yaml).
// Schema validation of the merged values (values.schema.json) is left to the caller.
//
// Build with Debian's packages (golang-go, golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v2-dev),
// in GOPATH mode, where Sprig v3 lives at github.com/Masterminds/sprig (test/unit/deploy.test.ts does this):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o helm-template ./test/support/helm-template
//
// Usage: helm-template [-f values.yaml]... [--namespace ns] [--release name] [--api-versions v,...] <chart>
// Prints the merged values as JSON on stderr when --print-values is given.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	sprig "github.com/Masterminds/sprig"
	yaml "gopkg.in/yaml.v2"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

// APIVersions answers .Capabilities.APIVersions.Has as Helm does.
type APIVersions []string

func (a APIVersions) Has(v string) bool {
	for _, x := range a {
		if x == v {
			return true
		}
	}
	return false
}

// fromYAML turns YAML into JSON-shaped values (map[string]interface{}, float64), as sigs.k8s.io/yaml does.
func fromYAML(data []byte) (map[string]interface{}, error) {
	var raw interface{}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	if raw == nil {
		return out, nil
	}
	j, err := json.Marshal(jsonable(raw))
	if err != nil {
		return nil, err
	}
	err = json.Unmarshal(j, &out)
	return out, err
}

// jsonable converts yaml.v2's map[interface{}]interface{} into map[string]interface{}.
func jsonable(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := map[string]interface{}{}
		for k, val := range t {
			m[fmt.Sprint(k)] = jsonable(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = jsonable(t[i])
		}
		return t
	default:
		return v
	}
}

// toYAML is Helm's: JSON first (so JSON field rules apply), then YAML, without the final newline.
func toYAML(v interface{}) string {
	j, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var generic interface{}
	if err := yaml.Unmarshal(j, &generic); err != nil {
		return ""
	}
	data, err := yaml.Marshal(generic)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

// merge deep-merges src over dst (maps merge, everything else replaces), as Helm merges values files.
func merge(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if sv, ok := v.(map[string]interface{}); ok {
			if dv, ok := dst[k].(map[string]interface{}); ok {
				dst[k] = merge(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

// chartObject exposes Chart.yaml under Helm's field names (.Chart.Name, .Chart.AppVersion…).
func chartObject(meta map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range meta {
		out[strings.ToUpper(k[:1])+k[1:]] = v
	}
	return out
}

func run() error {
	var files valueFiles
	namespace := flag.String("namespace", "default", "release namespace")
	release := flag.String("release", "release-name", "release name")
	apiVersions := flag.String("api-versions", "", "extra API versions for .Capabilities.APIVersions, comma separated")
	kubeVersion := flag.String("kube-version", "v1.30.0", "Kubernetes version for .Capabilities.KubeVersion")
	printValues := flag.Bool("print-values", false, "print the merged values as JSON on stderr")
	flag.Var(&files, "f", "values file (repeatable)")
	flag.Parse()
	if flag.NArg() != 1 {
		return errors.New("usage: helm-template [-f values.yaml]... <chart>")
	}
	chartDir := flag.Arg(0)

	chartYAML, err := os.ReadFile(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	meta, err := fromYAML(chartYAML)
	if err != nil {
		return fmt.Errorf("Chart.yaml: %w", err)
	}
	chartName, _ := meta["name"].(string)
	if chartName == "" {
		return errors.New("Chart.yaml: name is required")
	}
	values := map[string]interface{}{}
	for _, f := range append([]string{filepath.Join(chartDir, "values.yaml")}, files...) {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		v, err := fromYAML(data)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		values = merge(values, v)
	}
	if *printValues {
		j, _ := json.Marshal(values)
		fmt.Fprintln(os.Stderr, string(j))
	}

	versions := APIVersions{"v1", "apps/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1"}
	for _, v := range strings.Split(*apiVersions, ",") {
		if v != "" {
			versions = append(versions, v)
		}
	}
	top := map[string]interface{}{
		"Values": values,
		"Chart":  chartObject(meta),
		"Release": map[string]interface{}{
			"Name": *release, "Namespace": *namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Capabilities": map[string]interface{}{
			"KubeVersion": map[string]interface{}{"Version": *kubeVersion, "GitVersion": *kubeVersion},
			"APIVersions": versions,
		},
	}

	// Every file of templates/ is parsed into one set, named chart/templates/<file>, as Helm names them.
	tdir := filepath.Join(chartDir, "templates")
	var names []string
	err = filepath.Walk(tdir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(chartDir, p)
		names = append(names, filepath.ToSlash(filepath.Join(chartName, rel)))
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(names)

	t := template.New("gotpl").Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	includedNames := map[string]int{}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		if includedNames[name] > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		includedNames[name]++
		var buf bytes.Buffer
		err := t.ExecuteTemplate(&buf, name, data)
		includedNames[name]--
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := t.Clone()
		if err != nil {
			return "", err
		}
		nt, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = nt.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil {
			return v, errors.New(msg)
		}
		if s, ok := v.(string); ok && s == "" {
			return v, errors.New(msg)
		}
		return v, nil
	}
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		m, err := fromYAML([]byte(s))
		if err != nil {
			return map[string]interface{}{"Error": err.Error()}
		}
		return m
	}
	funcs["toJson"] = func(v interface{}) string {
		j, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(j)
	}
	funcs["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	// helm template has no cluster: lookup finds nothing.
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	t.Funcs(funcs)
	for _, name := range names {
		rel := strings.TrimPrefix(name, chartName+"/")
		data, err := os.ReadFile(filepath.Join(chartDir, rel))
		if err != nil {
			return err
		}
		if _, err := t.New(name).Parse(string(data)); err != nil {
			return err
		}
	}

	var out bytes.Buffer
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasPrefix(base, "_") || strings.HasSuffix(base, ".txt") {
			continue // partials and NOTES.txt are not manifests
		}
		vals := map[string]interface{}{}
		for k, v := range top {
			vals[k] = v
		}
		vals["Template"] = map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, vals); err != nil {
			return err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimSpace(text))
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "Error: %v\n", err)
		os.Exit(1)
	}
}
