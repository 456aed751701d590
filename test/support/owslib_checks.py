"""OWSLib's OGC API clients against a running obshub: the calls an OWSLib user makes, one check each.

Usage: python3 owslib_checks.py BASE_URL STATION LON LAT
Prints one JSON line per check, {"check": name, "ok": true|false, "detail": text}, and exits 0;
test/medium/owslib.test.ts runs it against a hub holding observations of STATION at (LON, LAT).
"""

import json
import sys

import owslib
from owslib.ogcapi.features import Features
from owslib.ogcapi.records import Records

try:
    from owslib.ogcapi.edr import EnvironmentalDataRetrieval
except ImportError:  # OWSLib < 0.28 (Debian 12 ships 0.27.2) has no EDR class
    EnvironmentalDataRetrieval = None

EDR_CORE = "http://www.opengis.net/spec/ogcapi-edr-1/1.1/conf/core"
COMMON_CORE = "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core"
WCMP2 = "http://wis.wmo.int/spec/wcmp/2/conf/core"


def expect(condition, detail):
    if not condition:
        raise AssertionError(detail)
    return detail


def main(url, station, lon, lat):
    features = Features(url)
    records = Records(url)
    if EnvironmentalDataRetrieval is not None:
        edr = EnvironmentalDataRetrieval(url)

        def query(query_type, **params):
            return edr.query_data("observations", query_type, **params)
    else:
        # What EnvironmentalDataRetrieval.query_data does in later OWSLib: the generic OGC API request.
        def query(query_type, **params):
            return features._request(path=f"collections/observations/{query_type}", kwargs=params)

    box = f"POLYGON(({lon - 0.5} {lat - 0.5},{lon + 0.5} {lat - 0.5},{lon + 0.5} {lat + 0.5},{lon - 0.5} {lat + 0.5},{lon - 0.5} {lat - 0.5}))"
    bbox = [lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5]

    def landing_page():
        rels = {link["rel"] for link in features.links}
        return expect({"service-desc", "conformance", "data"} <= rels, f"links: {sorted(rels)}")

    def conformance():
        classes = features.conformance()["conformsTo"]
        return expect(EDR_CORE in classes and COMMON_CORE in classes, f"{len(classes)} classes")

    def collections():
        ids = [c["id"] for c in features.collections()["collections"]]
        return expect(ids == ["observations", "discovery-metadata"], f"ids: {ids}")

    def collection():
        doc = features.collection("observations")
        expect(doc["id"] == "observations", doc["id"])
        return expect(len(doc["parameter_names"]) > 0, f"{len(doc['parameter_names'])} parameters")

    def openapi():
        doc = features.api()
        expect(doc["openapi"].startswith("3.0."), f"openapi {doc['openapi']}")
        return expect("/collections/observations/position" in doc["paths"], f"{len(doc['paths'])} paths")

    def features_collections():
        ids = features.feature_collections()
        return expect(ids == ["observations"], f"feature collections: {ids}")

    def features_items():
        doc = features.collection_items("observations", bbox=bbox)
        platforms = {f["properties"]["platform"] for f in doc["features"]}
        return expect(platforms == {station}, f"{len(doc['features'])} series of {platforms}")

    def features_item():
        first = features.collection_items("observations", bbox=bbox)["features"][0]
        doc = features.collection_item("observations", first["id"])
        return expect(doc["id"] == first["id"], doc["id"])

    def edr_position():
        doc = query("position", coords=f"POINT({lon} {lat})")
        return expect(doc["type"] == "Coverage", doc["type"])

    def edr_area():
        doc = query("area", coords=box)
        return expect(doc["type"] in ("Coverage", "CoverageCollection"), doc["type"])

    def edr_locations():
        doc = query("locations")
        ids = [f["id"] for f in doc["features"]]
        return expect(ids == [station], f"locations: {ids}")

    def edr_location():
        doc = query(f"locations/{station}")
        return expect(doc["type"] == "Coverage", doc["type"])

    def records_collections():
        ids = records.records()
        return expect(ids == ["discovery-metadata"], f"record collections: {ids}")

    def records_items():
        doc = records.collection_items("discovery-metadata")
        ok = len(doc["features"]) == 1 and WCMP2 in doc["features"][0]["conformsTo"]
        return expect(ok, f"{len(doc['features'])} records")

    def records_item():
        first = records.collection_items("discovery-metadata")["features"][0]
        doc = records.collection_item("discovery-metadata", first["id"])
        return expect(doc["id"] == first["id"], doc["id"])

    checks = [
        landing_page,
        conformance,
        collections,
        collection,
        openapi,
        features_collections,
        features_items,
        features_item,
        edr_position,
        edr_area,
        edr_locations,
        edr_location,
        records_collections,
        records_items,
        records_item,
    ]
    for check in checks:
        try:
            result = {"check": check.__name__, "ok": True, "detail": check()}
        except Exception as err:  # a failing call is the result of that check, not the end of the run
            result = {"check": check.__name__, "ok": False, "detail": f"{type(err).__name__}: {err}"[:500]}
        print(json.dumps(result), flush=True)
    edr_kind = "EnvironmentalDataRetrieval" if EnvironmentalDataRetrieval else "OGC API request (no EDR class)"
    print(json.dumps({"owslib": owslib.__version__, "edr": edr_kind}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
