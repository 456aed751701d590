// Generated from the hub's /openapi.json by web/scripts/apiTypes.ts (npm run api:types -w web): do not edit.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Landing page
         * @description Links to the API description, conformance and collections. Browsers (Accept: text/html) are redirected to the web app at /app/.
         */
        get: operations["getLandingPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API keys
         * @description Platform admins see every key; org admins their organisation's; other people the keys acting for themselves. Revoked and expired keys are listed too.
         */
        get: operations["getApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description The answer holds the key itself, shown once. Use it as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
         */
        post: operations["postApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log
         * @description Security-relevant actions with actor, time, source address and outcome, newest first. Platform admins and maintainers read all of it; org admins their organisation's events.
         */
        get: operations["getAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your own account */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change your password */
        put: operations["putMyPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your sessions of the web app
         * @description Each browser signed in to the web app, with when it signed in and was last seen; the session of this request is marked current.
         */
        get: operations["getMySessions"];
        put?: never;
        post?: never;
        /**
         * Sign out every other session
         * @description Ends every session of the caller but the one of this request.
         */
        delete: operations["deleteMyOtherSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign a session out
         * @description Ends the session at the hub: its refresh tokens stop working, its access tokens are refused, and the browser must sign in again.
         */
        delete: operations["deleteMySession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start two-factor enrolment */
        post: operations["postMyTotp"];
        /** Turn your two-factor authentication off */
        delete: operations["deleteMyTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm two-factor enrolment */
        post: operations["postMyTotpConfirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oidc-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List OIDC clients */
        get: operations["getOidcClients"];
        put?: never;
        /**
         * Register an OIDC client (client credentials) of an organisation
         * @description The client obtains access tokens at /oidc/token with grant_type=client_credentials and acts as a `service` of its organisation with its scopes. The secret is returned once.
         */
        post: operations["postOidcClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oidc-clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an OIDC client */
        delete: operations["deleteOidcClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Organisations
         * @description Every organisation for platform admins and maintainers; your own for everyone else.
         */
        get: operations["getOrganisations"];
        put?: never;
        /** Create an organisation */
        post: operations["postOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organisation */
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        /**
         * Delete an organisation
         * @description Its users, API keys and naming authorities go with it; stored observations stay.
         */
        delete: operations["deleteOrganisation"];
        options?: never;
        head?: never;
        /** Change an organisation */
        patch: operations["patchOrganisation"];
        trace?: never;
    };
    "/api/v1/organisations/{id}/authorities/{authority}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Give a naming authority to an organisation
         * @description `recommended` series are visible only to the organisation and platform-wide roles; `core` ones to everyone.
         */
        put: operations["putAuthority"];
        post?: never;
        /** Take a naming authority from an organisation */
        delete: operations["deleteAuthority"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations/{id}/rate-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organisation's rate limits
         * @description Per route group (ingest, query, admin): the window, the requests each caller and all callers of the organisation together may make in it, and which of them a platform admin set.
         */
        get: operations["getRateLimits"];
        /**
         * Set an organisation's rate limits
         * @description Replaces the overrides of the organisation: per route group, `perCaller` and/or `perOrganisation` requests per configured window. Groups and fields left out keep the configured limits.
         */
        put: operations["putRateLimits"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** System status */
        get: operations["getSystem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ingest and notification activity over the last hour */
        get: operations["getSystemActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Key figures of the metrics since the hub started (the operations page) */
        get: operations["getSystemMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users
         * @description Platform admins see everyone (or one organisation with `orgId`); org admins their own organisation.
         */
        get: operations["getUsers"];
        put?: never;
        /**
         * Create a user
         * @description Org admins create members of their own organisation (org-admin or org-user); only platform admins give platform-wide roles.
         */
        post: operations["postUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /** Delete a user */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /** Change a user */
        patch: operations["patchUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a user's password
         * @description Sets a new password and lifts a lockout after failed sign-ins.
         */
        post: operations["postUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Turn off a user's two-factor authentication
         * @description For a person who lost their authenticator; they enrol again after signing in.
         */
        delete: operations["deleteUserTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bufr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest WMO BUFR files (E-SOH-compatible alias of POST /ingest/bufr)
         * @description E-SOH's path for POST /ingest/bufr, for E-SOH clients and loaders: the same body, answers and permission. Each observed value becomes an E-SOH message (station from 0 01 125–0 01 128 or 0 01 001/0 01 002, time, position, level, period and cell method from the descriptors), validated and stored as POST /ingest/json does, all files in one transaction. At most INGEST_BUFR_MAX_FILES files, INGEST_BUFR_MAX_MESSAGES BUFR messages per file, INGEST_BODY_LIMIT bytes together and INGEST_MAX_MESSAGES E-SOH messages (413 above). A file that cannot be decoded is a 400 naming the file, the message and the byte offset; any other problem rejects the upload with 422 listing the problems, each naming the file, message, subset and descriptor; nothing is stored then.
         */
        post: operations["postBufr"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collections */
        get: operations["getCollections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/discovery-metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OGC API - Records collection of discovery metadata (WCMP2) */
        get: operations["getDiscoveryMetadataCollection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/discovery-metadata/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All discovery metadata records (WCMP2, GeoJSON) */
        get: operations["getDiscoveryMetadataRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/discovery-metadata/items/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One discovery metadata record (WCMP2, GeoJSON) */
        get: operations["getDiscoveryMetadataRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The observations collection
         * @description Spatial and temporal extent, custom dimensions (standard_name, level, method, duration), data queries and parameter_names, from the series summaries.
         */
        get: operations["getCollection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/area": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Observations inside a polygon
         * @description Time series of the stations inside a WKT `POLYGON((lon lat, …))`; a CoverageCollection when several coverages match. A 3-D polygon selects heights from its lowest to its highest z unless `z` is given.
         */
        get: operations["getArea"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/cube": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Observations inside a box and a height range
         * @description Time series of the stations inside `bbox` (west,south,east,north in CRS84; a 6-number box has its heights replaced by `z`) whose sensor height above ground lies in `z` (metres: values, ranges, `Rn/start/step`).
         */
        get: operations["getCube"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search time series
         * @description Time-series metadata (GeoJSON, sorted by timeseries_id): a Feature for one match, a FeatureCollection otherwise. At least one of bbox or platform is required.
         */
        get: operations["getItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/items/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One time series
         * @description The metadata of one time series (GeoJSON Feature) with a link to its data.
         */
        get: operations["getItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Latest observations
         * @description The latest observation of every series (optionally of some parameter names and stations) at or before `datetime` and no older than `within`: one GeoJSON feature per series, sorted by station and parameter name (beyond E-SOH).
         */
        get: operations["getLatest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stations
         * @description Stations with the parameter names they report, sorted by WIGOS id, optionally inside a bbox (at most 90° wide) and filtered like the data queries. From the series summaries, never a scan of the observations.
         */
        get: operations["getLocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/locations/{location_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Observations of one station
         * @description Time series of one station, by WIGOS id; the station list is at /collections/observations/locations.
         */
        get: operations["getLocation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/position": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Observations at a point
         * @description Time series of the stations within 10 m of a WKT `POINT(lon lat)` (as E-SOH). A height in the point (`POINT Z`) is used as `z` unless `z` is given.
         */
        get: operations["getPosition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/collections/observations/radius": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Observations within a distance of a point
         * @description Time series of the stations within `within` `within-units` (km, m, mi) of a WKT POINT, measured on the WGS 84 spheroid.
         */
        get: operations["getRadius"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conformance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conformance declaration */
        get: operations["getConformance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is running */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ingest/bufr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest WMO BUFR files
         * @description Takes WMO BUFR files (editions 3 and 4; surface templates such as TM 307080, 307096, 307091, 307092) as E-SOH's multipart form (field "files", one or several files) or as the raw body (Content-Type: application/bufr); files and bodies may be gzip (compatible with E-SOH POST /bufr). Each observed value becomes an E-SOH message (station from 0 01 125–0 01 128 or 0 01 001/0 01 002, time, position, level, period and cell method from the descriptors), validated and stored as POST /ingest/json does, all files in one transaction. At most INGEST_BUFR_MAX_FILES files, INGEST_BUFR_MAX_MESSAGES BUFR messages per file, INGEST_BODY_LIMIT bytes together and INGEST_MAX_MESSAGES E-SOH messages (413 above). A file that cannot be decoded is a 400 naming the file, the message and the byte offset; any other problem rejects the upload with 422 listing the problems, each naming the file, message, subset and descriptor; nothing is stored then.
         */
        post: operations["postIngestBufr"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ingest/json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest E-SOH observation messages
         * @description Takes one E-SOH message or an array of them (compatible with E-SOH POST /json). At most INGEST_MAX_MESSAGES messages (413 above). The whole batch is validated first; any problem rejects it with 422 listing the problems (the first 100, with the number of invalid messages), and nothing is stored. Otherwise the batch is stored in one transaction before the answer is sent.
         */
        post: operations["postIngestJson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest E-SOH observation messages (E-SOH-compatible alias of POST /ingest/json)
         * @description E-SOH's path for POST /ingest/json, for E-SOH clients and loaders: the same body, answers and permission. At most INGEST_MAX_MESSAGES messages (413 above). The whole batch is validated first; any problem rejects it with 422 listing the problems (the first 100, with the number of invalid messages), and nothing is stored. Otherwise the batch is stored in one transaction before the answer is sent.
         */
        post: operations["postJson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) for METRICS_TOKEN, maintainers and platform admins */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database and the MQTT broker answer, and the announcement relay is not stuck */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * EsohMessage
         * @description One E-SOH observation message.
         */
        "def-0": {
            geometry: {
                /** @description An object {lat, lon} in degrees (WGS 84), not a GeoJSON array. */
                coordinates: {
                    lat: number | string;
                    lon: number | string;
                };
                /** @enum {string} */
                type: "Point";
            };
            links: {
                href: string;
                hreflang?: string;
                length?: number;
                rel: string;
                title?: string;
                type?: string;
            }[];
            properties: {
                content: {
                    encoding: "utf-8" | "base64" | "gzip";
                    size?: number;
                    /** @description CF standard name (aliases are mapped). */
                    standard_name: string;
                    /** @description The standard name's unit, an alias of it, or a unit E-SOH converts. */
                    unit: string;
                    /** @description The observed value. */
                    value: string | number;
                };
                Conventions: string;
                creator_email?: string;
                creator_name?: string;
                creator_type?: "person" | "group" | "institution" | "position";
                creator_url?: string;
                /** @description Observation time, ISO 8601 in UTC. */
                datetime: string;
                end_datetime?: string;
                /** @description CF cell method of the period. */
                function: "point" | "sum" | "maximum" | "maximum_absolute_value" | "median" | "mid_range" | "minimum" | "minimum_absolute_value" | "mean" | "mean_absolute_value" | "mode" | "root_mean_square" | "variance";
                /** @description Height of the station above mean sea level, metres. */
                hamsl?: number;
                history?: string;
                institution?: string;
                instrument?: string;
                instrument_vocabulary?: string;
                integrity?: {
                    method: "sha256" | "sha384" | "sha512" | "sha3-256" | "sha3-384" | "sha3-512";
                    value: string;
                };
                /** @description Comma-separated, at most 100 keywords. */
                keywords?: string;
                keywords_vocabulary?: string;
                /** @description Height of the sensor above ground, metres. */
                level: number | string;
                license: string;
                /** @description Reverse-DNS name of the data provider, e.g. nl.knmi. */
                naming_authority: string;
                /** @description Aggregation period, ISO 8601 duration (PT0S for instantaneous values). */
                period: string;
                /** @description WIGOS station identifier, e.g. 0-20000-0-06260. */
                platform: string;
                platform_name?: string;
                platform_vocabulary?: string;
                processing_level?: string;
                project?: string;
                quality_code?: number;
                quality_code_vocabulary?: string;
                source?: string;
                start_datetime?: string;
                summary: string;
                title?: string;
            };
            /** @enum {string} */
            type: "Feature";
            version: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLandingPage: {
        parameters: {
            query?: {
                /** @description json (default) */
                f?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Landing page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Redirect of a browser to the web app */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getApiKeys: {
        parameters: {
            query?: {
                /** @description Only this organisation (platform-wide roles) */
                orgId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKeys: {
                            /**
                             * Format: date-time
                             * @description Creation time
                             */
                            createdAt: string;
                            /** @description Actor that created it */
                            createdBy: string;
                            expiresAt: string | null;
                            /** @description The public part of the key (`obh_<id>_…`) */
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            orgId: string;
                            revokedAt: string | null;
                            scopes: ("ingest" | "read")[];
                            userId: string | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description Expiry (RFC 3339); none: never
                     */
                    expiresAt?: string;
                    /** @example AWS De Bilt loader */
                    name: string;
                    /** @description The organisation of the key; defaults to yours */
                    orgId?: string;
                    /**
                     * @example [
                     *       "ingest",
                     *       "read"
                     *     ]
                     */
                    scopes: ("ingest" | "read")[];
                    /** @description The person the key acts for (with their role); null: a service key of the organisation. Defaults to yourself, or for admins to a service key. */
                    userId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description Creation time
                         */
                        createdAt: string;
                        /** @description Actor that created it */
                        createdBy: string;
                        expiresAt: string | null;
                        /** @description The public part of the key (`obh_<id>_…`) */
                        id: string;
                        /**
                         * @description The key itself: shown once, never again
                         * @example obh_…
                         */
                        key: string;
                        lastUsedAt: string | null;
                        name: string;
                        orgId: string;
                        revokedAt: string | null;
                        scopes: ("ingest" | "read")[];
                        userId: string | null;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getAuditEvents: {
        parameters: {
            query?: {
                action?: "sign-in" | "sign-in.second-factor" | "account.locked" | "totp.enrol" | "totp.enable" | "totp.disable" | "recovery-code.use" | "password.change" | "password.reset" | "api-key.create" | "api-key.revoke" | "api-key.rejected" | "token.rejected" | "auth.failures" | "user.create" | "user.update" | "user.role-change" | "user.delete" | "organisation.create" | "organisation.update" | "organisation.delete" | "authority.set" | "authority.remove" | "rate-limits.set" | "oidc-client.create" | "oidc-client.delete" | "token.issue" | "session.revoke" | "signing-key.rotate" | "signing-key.retire" | "ingest.rejected";
                /** @description Events older than this id (the next page) */
                before?: number;
                /** @description Events per page */
                limit?: number;
                /** @description One organisation's events (platform-wide roles) */
                orgId?: string;
                /** @description Events at or after (RFC 3339) */
                since?: string;
                /** @description Events before (RFC 3339) */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            /** @description One of sign-in, sign-in.second-factor, account.locked, totp.enrol, totp.enable, totp.disable, recovery-code.use, password.change, password.reset, api-key.create, api-key.revoke, api-key.rejected, token.rejected, auth.failures, user.create, user.update, user.role-change, user.delete, organisation.create, organisation.update, organisation.delete, authority.set, authority.remove, rate-limits.set, oidc-client.create, oidc-client.delete, token.issue, session.revoke, signing-key.rotate, signing-key.retire, ingest.rejected */
                            action: string;
                            /** @description `user:<id>`, `key:<id>`, `client:<id>`, `cli:<os user>`, `system` or `anonymous` */
                            actor: string;
                            /**
                             * Format: date-time
                             * @description When it happened
                             */
                            at: string;
                            details: {
                                [key: string]: unknown;
                            };
                            id: number;
                            orgId: string | null;
                            outcome: "success" | "failure";
                            source: string | null;
                            target: string | null;
                        }[];
                        /** @description The next (older) page, if there is one */
                        next: string | null;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the account was created
                         */
                        createdAt: string;
                        disabled: boolean;
                        displayName: string | null;
                        id: string;
                        /** @description Locked after repeated failed sign-ins */
                        locked: boolean;
                        orgId: string | null;
                        /** @description The role of a person */
                        role: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                        totpEnabled: boolean;
                        username: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    putMyPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description At least 12 characters */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getMySessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: {
                            /** @description The session of this request */
                            current: boolean;
                            /** @description The session (its OIDC grant) */
                            id: string;
                            /**
                             * Format: date-time
                             * @description When it last fetched a token (access tokens last 10 minutes)
                             */
                            lastSeenAt: string;
                            /**
                             * Format: date-time
                             * @description When it signed in
                             */
                            signedInAt: string;
                            /** @description The address it last fetched a token from */
                            source: string | null;
                            /** @description The browser that signed in (its User-Agent header) */
                            userAgent: string | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteMyOtherSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How many sessions were ended */
                        signedOut: number;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteMySession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postMyTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Base32 secret for authenticator apps without a camera */
                        secret: string;
                        /** @description otpauth:// URI to show as a QR code */
                        uri: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteMyTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A current 6-digit code */
                    code: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postMyTotpConfirmation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The current 6-digit code
                     * @example 123456
                     */
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Each usable once instead of a code; shown once */
                        recoveryCodes: string[];
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getOidcClients: {
        parameters: {
            query?: {
                orgId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clients: {
                            /** @description client_id at the token endpoint */
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description actor that created it */
                            createdBy: string;
                            name: string;
                            orgId: string;
                            scopes: ("ingest" | "read")[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    postOidcClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description default: the caller's organisation */
                    orgId?: string;
                    /** @description default: ingest and read */
                    scopes?: ("ingest" | "read")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description client_id at the token endpoint */
                        clientId: string;
                        /** @description shown once; store it now */
                        clientSecret: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description actor that created it */
                        createdBy: string;
                        name: string;
                        orgId: string;
                        scopes: ("ingest" | "read")[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteOidcClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organisations: {
                            /** @description The naming authorities it owns (and so writes) */
                            authorities: {
                                authority: string;
                                /** @description WIS2 data policy of the series of this naming authority */
                                dataPolicy: "core" | "recommended";
                            }[];
                            /**
                             * Format: date-time
                             * @description When the organisation was created
                             */
                            createdAt: string;
                            /**
                             * @description Lower-case letters, digits and hyphens (2–63 characters)
                             * @example knmi
                             */
                            id: string;
                            name: string;
                            /** @description Members must use two-factor authentication */
                            require2fa: boolean;
                        }[];
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Lower-case letters, digits and hyphens (2–63 characters)
                     * @example knmi
                     */
                    id: string;
                    name: string;
                    /** @description Members must use two-factor authentication */
                    require2fa?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The naming authorities it owns (and so writes) */
                        authorities: {
                            authority: string;
                            /** @description WIS2 data policy of the series of this naming authority */
                            dataPolicy: "core" | "recommended";
                        }[];
                        /**
                         * Format: date-time
                         * @description When the organisation was created
                         */
                        createdAt: string;
                        /**
                         * @description Lower-case letters, digits and hyphens (2–63 characters)
                         * @example knmi
                         */
                        id: string;
                        name: string;
                        /** @description Members must use two-factor authentication */
                        require2fa: boolean;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The naming authorities it owns (and so writes) */
                        authorities: {
                            authority: string;
                            /** @description WIS2 data policy of the series of this naming authority */
                            dataPolicy: "core" | "recommended";
                        }[];
                        /**
                         * Format: date-time
                         * @description When the organisation was created
                         */
                        createdAt: string;
                        /**
                         * @description Lower-case letters, digits and hyphens (2–63 characters)
                         * @example knmi
                         */
                        id: string;
                        name: string;
                        /** @description Members must use two-factor authentication */
                        require2fa: boolean;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    patchOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    require2fa?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The naming authorities it owns (and so writes) */
                        authorities: {
                            authority: string;
                            /** @description WIS2 data policy of the series of this naming authority */
                            dataPolicy: "core" | "recommended";
                        }[];
                        /**
                         * Format: date-time
                         * @description When the organisation was created
                         */
                        createdAt: string;
                        /**
                         * @description Lower-case letters, digits and hyphens (2–63 characters)
                         * @example knmi
                         */
                        id: string;
                        name: string;
                        /** @description Members must use two-factor authentication */
                        require2fa: boolean;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    putAuthority: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An E-SOH naming_authority
                 * @example nl.knmi
                 */
                authority: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description WIS2 data policy of the series of this naming authority */
                    dataPolicy: "core" | "recommended";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The naming authorities it owns (and so writes) */
                        authorities: {
                            authority: string;
                            /** @description WIS2 data policy of the series of this naming authority */
                            dataPolicy: "core" | "recommended";
                        }[];
                        /**
                         * Format: date-time
                         * @description When the organisation was created
                         */
                        createdAt: string;
                        /**
                         * @description Lower-case letters, digits and hyphens (2–63 characters)
                         * @example knmi
                         */
                        id: string;
                        name: string;
                        /** @description Members must use two-factor authentication */
                        require2fa: boolean;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteAuthority: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An E-SOH naming_authority
                 * @example nl.knmi
                 */
                authority: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getRateLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The limits in force for the organisation's callers, per route group */
                        limits: {
                            admin: {
                                perCaller: number;
                                perOrganisation: number;
                                /**
                                 * @description ISO 8601 duration
                                 * @example PT1M
                                 */
                                window: string;
                            };
                            ingest: {
                                perCaller: number;
                                perOrganisation: number;
                                /**
                                 * @description ISO 8601 duration
                                 * @example PT1M
                                 */
                                window: string;
                            };
                            query: {
                                perCaller: number;
                                perOrganisation: number;
                                /**
                                 * @description ISO 8601 duration
                                 * @example PT1M
                                 */
                                window: string;
                            };
                        };
                        /**
                         * @description Lower-case letters, digits and hyphens (2–63 characters)
                         * @example knmi
                         */
                        orgId: string;
                        /**
                         * @description Limits that replace the configured ones (RATE_LIMIT_*) for this organisation
                         * @example {
                         *       "ingest": {
                         *         "perCaller": 3000,
                         *         "perOrganisation": 10000
                         *       }
                         *     }
                         */
                        overrides: {
                            admin?: {
                                /** @description Requests per window of each caller */
                                perCaller?: number;
                                /** @description Requests per window of all the organisation's callers together */
                                perOrganisation?: number;
                            };
                            ingest?: {
                                /** @description Requests per window of each caller */
                                perCaller?: number;
                                /** @description Requests per window of all the organisation's callers together */
                                perOrganisation?: number;
                            };
                            query?: {
                                /** @description Requests per window of each caller */
                                perCaller?: number;
                                /** @description Requests per window of all the organisation's callers together */
                                perOrganisation?: number;
                            };
                        };
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    putRateLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Limits that replace the configured ones (RATE_LIMIT_*) for this organisation */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ingest": {
                 *         "perCaller": 3000,
                 *         "perOrganisation": 10000
                 *       }
                 *     }
                 */
                "application/json": {
                    admin?: {
                        /** @description Requests per window of each caller */
                        perCaller?: number;
                        /** @description Requests per window of all the organisation's callers together */
                        perOrganisation?: number;
                    };
                    ingest?: {
                        /** @description Requests per window of each caller */
                        perCaller?: number;
                        /** @description Requests per window of all the organisation's callers together */
                        perOrganisation?: number;
                    };
                    query?: {
                        /** @description Requests per window of each caller */
                        perCaller?: number;
                        /** @description Requests per window of all the organisation's callers together */
                        perOrganisation?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The limits in force for the organisation's callers, per route group */
                        limits: {
                            admin: {
                                perCaller: number;
                                perOrganisation: number;
                                /**
                                 * @description ISO 8601 duration
                                 * @example PT1M
                                 */
                                window: string;
                            };
                            ingest: {
                                perCaller: number;
                                perOrganisation: number;
                                /**
                                 * @description ISO 8601 duration
                                 * @example PT1M
                                 */
                                window: string;
                            };
                            query: {
                                perCaller: number;
                                perOrganisation: number;
                                /**
                                 * @description ISO 8601 duration
                                 * @example PT1M
                                 */
                                window: string;
                            };
                        };
                        /**
                         * @description Lower-case letters, digits and hyphens (2–63 characters)
                         * @example knmi
                         */
                        orgId: string;
                        /**
                         * @description Limits that replace the configured ones (RATE_LIMIT_*) for this organisation
                         * @example {
                         *       "ingest": {
                         *         "perCaller": 3000,
                         *         "perOrganisation": 10000
                         *       }
                         *     }
                         */
                        overrides: {
                            admin?: {
                                /** @description Requests per window of each caller */
                                perCaller?: number;
                                /** @description Requests per window of all the organisation's callers together */
                                perOrganisation?: number;
                            };
                            ingest?: {
                                /** @description Requests per window of each caller */
                                perCaller?: number;
                                /** @description Requests per window of all the organisation's callers together */
                                perOrganisation?: number;
                            };
                            query?: {
                                /** @description Requests per window of each caller */
                                perCaller?: number;
                                /** @description Requests per window of all the organisation's callers together */
                                perOrganisation?: number;
                            };
                        };
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getSystem: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `ok`, or why a check failed */
                        checks: {
                            [key: string]: string;
                        };
                        /** @description Effective settings; secrets shown as *** */
                        config: {
                            [key: string]: unknown;
                        };
                        deployment: {
                            broker: string;
                            /** @description `pglite` (embedded) or `postgres` */
                            database: string;
                            databaseDescription: string;
                        };
                        /** @description Node.js version */
                        node: string;
                        outbox: {
                            /** @description Observations not yet announced over MQTT (-1: unknown) */
                            depth: number;
                            oldestAgeSeconds: number | null;
                        };
                        ready: boolean;
                        uptimeSeconds: number;
                        version: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getSystemActivity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bucketSeconds: number;
                        ingest: {
                            /** @description naming_authority of the observations */
                            authority: string;
                            /** @description Observations received per bucket, oldest first */
                            buckets: number[];
                            /** @description Observations received in the window */
                            observations: number;
                            /** @description Owner of the authority, if any */
                            orgId: string | null;
                        }[];
                        rejected: {
                            /** @description Ingests refused (ingest.rejected audit events) */
                            count: number;
                            orgId: string | null;
                        }[];
                        /** @description Notification relay counters since the start: delivered, messages, invalid, expired, publishFailures */
                        relay: {
                            [key: string]: number;
                        };
                        /**
                         * Format: date-time
                         * @description Start of the first bucket
                         */
                        since: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getSystemMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        announcements: {
                            brokerConnected: boolean;
                            delay: {
                                count: number;
                                p50Seconds: number | null;
                                p99Seconds: number | null;
                            };
                            failed: number;
                            oldestAgeSeconds: number;
                            outboxRows: number;
                            published: number;
                        };
                        database: {
                            connections: number;
                            idle: number;
                            observations: number;
                            partitions: number;
                            waiting: number;
                        };
                        http: {
                            inFlight: number;
                            rateLimited: number;
                            requests: number;
                            serverErrors: number;
                        };
                        ingest: {
                            batchesRejected: number;
                            observationsAccepted: number;
                            write: {
                                count: number;
                                p50Seconds: number | null;
                                p99Seconds: number | null;
                            };
                        };
                        process: {
                            eventLoopLagP99Seconds: number;
                            heapUsedBytes: number;
                            residentMemoryBytes: number;
                        };
                        queries: {
                            duration: {
                                count: number;
                                p50Seconds: number | null;
                                p99Seconds: number | null;
                            };
                            errors: number;
                        };
                    };
                };
            };
        };
    };
    getUsers: {
        parameters: {
            query?: {
                /** @description Only this organisation (platform admins) */
                orgId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            /**
                             * Format: date-time
                             * @description When the account was created
                             */
                            createdAt: string;
                            disabled: boolean;
                            displayName: string | null;
                            id: string;
                            /** @description Locked after repeated failed sign-ins */
                            locked: boolean;
                            orgId: string | null;
                            /** @description The role of a person */
                            role: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                            totpEnabled: boolean;
                            username: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string | null;
                    /** @description Required for organisation roles; defaults to your own organisation */
                    orgId?: string;
                    /** @description Initial password; without one the person cannot sign in until an admin sets one */
                    password?: string;
                    /** @description The role of a person */
                    role: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                    /** @description No spaces; an e-mail address works */
                    username: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the account was created
                         */
                        createdAt: string;
                        disabled: boolean;
                        displayName: string | null;
                        id: string;
                        /** @description Locked after repeated failed sign-ins */
                        locked: boolean;
                        orgId: string | null;
                        /** @description The role of a person */
                        role: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                        totpEnabled: boolean;
                        username: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the account was created
                         */
                        createdAt: string;
                        disabled: boolean;
                        displayName: string | null;
                        id: string;
                        /** @description Locked after repeated failed sign-ins */
                        locked: boolean;
                        orgId: string | null;
                        /** @description The role of a person */
                        role: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                        totpEnabled: boolean;
                        username: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    patchUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A disabled person cannot sign in; their keys stop working */
                    disabled?: boolean;
                    displayName?: string | null;
                    /** @description The role of a person */
                    role?: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the account was created
                         */
                        createdAt: string;
                        disabled: boolean;
                        displayName: string | null;
                        id: string;
                        /** @description Locked after repeated failed sign-ins */
                        locked: boolean;
                        orgId: string | null;
                        /** @description The role of a person */
                        role: "platform-admin" | "maintainer" | "org-admin" | "org-user";
                        totpEnabled: boolean;
                        username: string;
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteUserTotp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The caller lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Not found (or in another organisation) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    postBufr: {
        parameters: {
            query?: {
                /** @description The licence of every observation. Default: CC-BY-4.0. */
                license?: string;
                /** @description The naming authority of every observation (reverse DNS, e.g. nl.knmi). Default: the one naming authority the caller's organisation owns. */
                naming_authority?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/bufr": string;
                "multipart/form-data": {
                    /** @description BUFR files (plain or gzip), one or several */
                    files: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 200 */
                        status_code: number;
                        /**
                         * @example Successfully ingested
                         * @example Insert accepted, duplicates removed.
                         */
                        status_message: string;
                    };
                };
            };
        };
    };
    getCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Collections */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    getDiscoveryMetadataCollection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getDiscoveryMetadataRecords: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getDiscoveryMetadataRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getCollection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Collection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    getArea: {
        parameters: {
            query: {
                /**
                 * @description WKT POLYGON((lon lat, …))
                 * @example POLYGON((5.0 52.0, 6.0 52.0,6.0 52.1,5.0 52.1, 5.0 52.0))
                 */
                coords: string;
                /** @description An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive. */
                datetime?: string;
                /** @description Comma-separated ISO 8601 durations or ranges (custom dimension). */
                duration?: string;
                /** @description Output format: CoverageJSON (application/prs.coverage+json), GeoJSON (application/geo+json), CSV (text/csv). Default CoverageJSON. */
                f?: string;
                /** @description Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension). */
                level?: string;
                /**
                 * @description Comma-separated aggregation methods (custom dimension).
                 * @example mean, maximum
                 */
                method?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated CF standard names (custom dimension).
                 * @example air_temperature, wind_speed
                 */
                standard_name?: string;
                /**
                 * @description Height above mean sea level in metres: values, ranges `a/b` and `Rn/start/step`.
                 * @example 10/100
                 */
                z?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The observations, in the format chosen with `f` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": unknown;
                    "application/prs.coverage+json": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description No data matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description The answer would exceed EDR_MAX_VALUES values; narrow the query */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
        };
    };
    getCube: {
        parameters: {
            query: {
                /**
                 * @description west,south,east,north
                 * @example 4.5,52.0,6.0,53.0
                 */
                bbox: string;
                /** @description An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive. */
                datetime?: string;
                /** @description Comma-separated ISO 8601 durations or ranges (custom dimension). */
                duration?: string;
                /** @description Output format: CoverageJSON (application/prs.coverage+json), GeoJSON (application/geo+json), CSV (text/csv). Default CoverageJSON. */
                f?: string;
                /** @description Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension). */
                level?: string;
                /**
                 * @description Comma-separated aggregation methods (custom dimension).
                 * @example mean, maximum
                 */
                method?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated CF standard names (custom dimension).
                 * @example air_temperature, wind_speed
                 */
                standard_name?: string;
                /** @description Sensor heights above ground in metres */
                z: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The observations, in the format chosen with `f` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": unknown;
                    "application/prs.coverage+json": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No data matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The answer would exceed EDR_MAX_VALUES values; narrow the query */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getItems: {
        parameters: {
            query?: {
                /**
                 * @description west,south,east,north
                 * @example 4.5,52.4,4.6,52.57
                 */
                bbox?: string;
                /**
                 * @description Series with observations in this instant or interval
                 * @example 2022-12-31T00:50:00Z/2022-12-31T02:10:00Z
                 */
                datetime?: string;
                /** @description Comma-separated timeseries ids */
                id?: string;
                /** @description Comma-separated institutions */
                institution?: string;
                /** @description Comma-separated instrument ids */
                instrument?: string;
                /**
                 * @description Sensor heights in metres: values, ranges, Rn/start/step
                 * @example 2.0
                 */
                level?: string;
                /** @description Page size (1…10000); without it every match is returned, as E-SOH does */
                limit?: string;
                /**
                 * @description Comma-separated aggregation methods
                 * @example mean
                 */
                method?: string;
                /**
                 * @description Comma-separated naming authorities
                 * @example nl.knmi
                 */
                "naming-authority"?: string;
                /** @description Start of the page (follow the next link) */
                offset?: string;
                /** @description Comma-separated parameter names (`*` wildcards) */
                "parameter-name"?: string;
                /**
                 * @description ISO 8601 durations or ranges
                 * @example PT10M
                 */
                period?: string;
                /**
                 * @description Comma-separated WIGOS ids
                 * @example 0-20000-0-06225
                 */
                platform?: string;
                /**
                 * @description Comma-separated CF standard names
                 * @example air_temperature
                 */
                "standard-name"?: string;
                /**
                 * @description Comma-separated units
                 * @example Cel
                 */
                unit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GeoJSON Feature or FeatureCollection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": Record<string, never>;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description No series matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
        };
    };
    getItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description timeseries_id
                 * @example 20bf5cc13b08b4c1d737966b64d0aea5
                 */
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GeoJSON Feature */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": Record<string, never>;
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
        };
    };
    getLatest: {
        parameters: {
            query?: {
                /**
                 * @description The instant (RFC 3339, UTC) the values are latest at; default now
                 * @example 2026-11-21T10:20:00Z
                 */
                datetime?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated WIGOS ids of stations
                 * @example 0-20000-0-06260
                 */
                platform?: string;
                /**
                 * @description How far back from `datetime` a value still counts (ISO 8601 duration, default PT1H)
                 * @example PT3H
                 */
                within?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest values */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": {
                        features: {
                            geometry: {
                                coordinates: number[];
                                /** @enum {string} */
                                type: "Point";
                            };
                            properties: {
                                /** Format: date-time */
                                datetime: string;
                                /** @description Height above mean sea level, m */
                                hamsl: number | null;
                                institution: string | null;
                                license: string | null;
                                name: string;
                                naming_authority: string;
                                parameter_name: string;
                                unit: string;
                                /** @description A number, or the text of a value that is not one */
                                value: number | string | null;
                                wigos_id: string;
                            };
                            /** @enum {string} */
                            type: "Feature";
                        }[];
                        /**
                         * Format: date-time
                         * @description The instant the values are latest at
                         */
                        timeStamp: string;
                        /** @enum {string} */
                        type: "FeatureCollection";
                    };
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getLocations: {
        parameters: {
            query?: {
                /**
                 * @description west,south,east,north
                 * @example 5.0,52.0,6.0,52.1
                 */
                bbox?: string;
                /** @description An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive. */
                datetime?: string;
                /** @description Comma-separated ISO 8601 durations or ranges (custom dimension). */
                duration?: string;
                /** @description Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension). */
                level?: string;
                /**
                 * @description Comma-separated aggregation methods (custom dimension).
                 * @example mean, maximum
                 */
                method?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated CF standard names (custom dimension).
                 * @example air_temperature, wind_speed
                 */
                standard_name?: string;
                /**
                 * @description Height above mean sea level in metres: values, ranges `a/b` and `Rn/start/step`.
                 * @example 10/100
                 */
                z?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description EDR GeoJSON FeatureCollection with parameters */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": Record<string, never>;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description No station matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
        };
    };
    getLocation: {
        parameters: {
            query?: {
                /** @description An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive. */
                datetime?: string;
                /** @description Comma-separated ISO 8601 durations or ranges (custom dimension). */
                duration?: string;
                /** @description Output format: CoverageJSON (application/prs.coverage+json), GeoJSON (application/geo+json), CSV (text/csv). Default CoverageJSON. */
                f?: string;
                /** @description Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension). */
                level?: string;
                /**
                 * @description Comma-separated aggregation methods (custom dimension).
                 * @example mean, maximum
                 */
                method?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated CF standard names (custom dimension).
                 * @example air_temperature, wind_speed
                 */
                standard_name?: string;
                /**
                 * @description Height above mean sea level in metres: values, ranges `a/b` and `Rn/start/step`.
                 * @example 10/100
                 */
                z?: string;
            };
            header?: never;
            path: {
                /**
                 * @description WIGOS station id
                 * @example 0-20000-0-06260
                 */
                location_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The observations, in the format chosen with `f` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": unknown;
                    "application/prs.coverage+json": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description No data matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description The answer would exceed EDR_MAX_VALUES values; narrow the query */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
        };
    };
    getPosition: {
        parameters: {
            query: {
                /**
                 * @description WKT POINT(lon lat)
                 * @example POINT(5.179705 52.0988218)
                 */
                coords: string;
                /** @description An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive. */
                datetime?: string;
                /** @description Comma-separated ISO 8601 durations or ranges (custom dimension). */
                duration?: string;
                /** @description Output format: CoverageJSON (application/prs.coverage+json), GeoJSON (application/geo+json), CSV (text/csv). Default CoverageJSON. */
                f?: string;
                /** @description Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension). */
                level?: string;
                /**
                 * @description Comma-separated aggregation methods (custom dimension).
                 * @example mean, maximum
                 */
                method?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated CF standard names (custom dimension).
                 * @example air_temperature, wind_speed
                 */
                standard_name?: string;
                /**
                 * @description Height above mean sea level in metres: values, ranges `a/b` and `Rn/start/step`.
                 * @example 10/100
                 */
                z?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The observations, in the format chosen with `f` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": unknown;
                    "application/prs.coverage+json": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description No data matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
            /** @description The answer would exceed EDR_MAX_VALUES values; narrow the query */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string | {
                            [key: string]: string;
                        } | unknown[];
                    };
                };
            };
        };
    };
    getRadius: {
        parameters: {
            query: {
                /**
                 * @description WKT POINT(lon lat)
                 * @example POINT(5.179705 52.0988218)
                 */
                coords: string;
                /** @description An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive. */
                datetime?: string;
                /** @description Comma-separated ISO 8601 durations or ranges (custom dimension). */
                duration?: string;
                /** @description Output format: CoverageJSON (application/prs.coverage+json), GeoJSON (application/geo+json), CSV (text/csv). Default CoverageJSON. */
                f?: string;
                /** @description Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension). */
                level?: string;
                /**
                 * @description Comma-separated aggregation methods (custom dimension).
                 * @example mean, maximum
                 */
                method?: string;
                /** @description Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400). */
                "parameter-name"?: string;
                /**
                 * @description Comma-separated CF standard names (custom dimension).
                 * @example air_temperature, wind_speed
                 */
                standard_name?: string;
                /**
                 * @description The distance
                 * @example 40
                 */
                within: string;
                /** @description Unit of within: km, m, mi */
                "within-units": string;
                /**
                 * @description Height above mean sea level in metres: values, ranges `a/b` and `Rn/start/step`.
                 * @example 10/100
                 */
                z?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The observations, in the format chosen with `f` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": unknown;
                    "application/prs.coverage+json": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Invalid query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description No data matches */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The answer would exceed EDR_MAX_VALUES values; narrow the query */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getConformance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description conformsTo */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    postIngestBufr: {
        parameters: {
            query?: {
                /** @description The licence of every observation. Default: CC-BY-4.0. */
                license?: string;
                /** @description The naming authority of every observation (reverse DNS, e.g. nl.knmi). Default: the one naming authority the caller's organisation owns. */
                naming_authority?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/bufr": string;
                "multipart/form-data": {
                    /** @description BUFR files (plain or gzip), one or several */
                    files: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 200 */
                        status_code: number;
                        /**
                         * @example Successfully ingested
                         * @example Insert accepted, duplicates removed.
                         */
                        status_message: string;
                    };
                };
            };
        };
    };
    postIngestJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["def-0"] | components["schemas"]["def-0"][];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 200 */
                        status_code: number;
                        /**
                         * @example Successfully ingested
                         * @example Insert accepted, duplicates removed.
                         */
                        status_message: string;
                    };
                };
            };
        };
    };
    postJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["def-0"] | components["schemas"]["def-0"][];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 200 */
                        status_code: number;
                        /**
                         * @example Successfully ingested
                         * @example Insert accepted, duplicates removed.
                         */
                        status_message: string;
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        /** @description The read replicas of a query process (DATABASE_READ_URL); absent when it has none */
                        replicas?: {
                            /** @description How far it lags the primary (null: unknown, e.g. unreachable) */
                            lagSeconds: number | null;
                            /** @description Host, port and database of the read replica */
                            replica: string;
                            /** @description Reads go to it (it lags at most DATABASE_READ_MAX_LAG_S); else to the primary */
                            serving: boolean;
                        }[];
                        /** @description The service roles this process runs */
                        services: string[];
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        /** @description The read replicas of a query process (DATABASE_READ_URL); absent when it has none */
                        replicas?: {
                            /** @description How far it lags the primary (null: unknown, e.g. unreachable) */
                            lagSeconds: number | null;
                            /** @description Host, port and database of the read replica */
                            replica: string;
                            /** @description Reads go to it (it lags at most DATABASE_READ_MAX_LAG_S); else to the primary */
                            serving: boolean;
                        }[];
                        /** @description The service roles this process runs */
                        services: string[];
                        /** @enum {string} */
                        status: "not ready";
                    };
                };
            };
        };
    };
}
