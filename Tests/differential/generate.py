#!/usr/bin/env python3
"""Varied case documents for the differential check, one per line (NDJSON), deterministic per seed.

The 20 vignettes, the examples and the demo cases are crossed section by section (each section of
a new case comes from a random source case; lesions are drawn from every case), then 1-8 fields are
changed to another value seen in that place, to a boundary, to null or removed, or set (added if
absent) to a value of the field's domain in case-format.md; histology codes come from
histologies.md's table. The domains reach what the sources never show (bony retropulsion, prior
radiation, the radiosensitivity and Tomita growth overrides, every histology, ASIA grades, every
deficit). About half of the lines stay valid; the rest exercise validation. Nothing here knows a
clinical rule.

usage: generate.py SEED COUNT > cases.ndjson   (run from the repository root)
"""
import collections
import glob
import json
import random
import sys

SHARED = "../shared/clinical/vignettes.json"
BOUNDARIES = {
    "karnofsky": [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    "ecog": [0, 1, 2, 3, 4, 5],
    "motorDeficitDays": [0, 1, 2, 3, 7, 8, 14, 15, 100],
    "hoursSinceLossOfAmbulation": [0, 1, 23, 24, 47, 48, 49, 1000],
    "extraspinalBoneCount": [0, 1, 2, 3, 10],
    "painScore": [0, 1, 5, 6, 7, 10],
    "clinicianSurvivalEstimateMonths": [0, 1, 2, 3, 6, 12, 60],
    "monthsFromDiagnosisToSpinalMetastasis": [0, 1, 6, 12, 15, 16, 60, 240],
}


def histology_codes():
    return [line.split("|")[1].strip() for line in open("../shared/clinical/histologies.md")
            if line.startswith("| ") and not line.startswith("| code")]


PRIOR_RADIATION = [{"doseGy": 8, "fractions": 1, "on": "2025-06-01"}, {"doseGy": 20, "fractions": 5, "on": "2025-11-20"},
                   {"doseGy": 30, "fractions": 10, "on": "2024-01-15"}, {"doseGy": 24, "fractions": 2, "on": "2026-01-10"}]
# case-format.md "Input": each field's codes (a list field takes subsets), keyed by the node's path.
DOMAINS = {
    ("patient",): {"sex": ["female", "male", "other", "unknown"]},
    ("primaryTumor",): {"histology": histology_codes(), "radiosensitivity": ["sensitive", "resistant", None],
                        "tomitaGrowth": ["slow", "moderate", "rapid", None],
                        "status": ["newly-diagnosed", "responding", "stable", "progressing", "unknown"]},
    ("spine", "lesions", "[]"): {"bonyRetropulsion": [True, False], "priorRadiation": PRIOR_RADIATION + [None],
                                 "escc": ["0", "1a", "1b", "1c", "2", "3"]},
    ("otherMetastases", "visceral"): {"sites": ["lung", "liver", "brain", "kidney", "adrenal", "other"]},
    ("neurology",): {"frankel": list("ABCDE") + [None], "asia": list("ABCDE") + [None],
                     "ambulation": ["independent", "withAid", "nonAmbulatory"],
                     "deficit": ["none", "radiculopathy", "myelopathy", "caudaEquina"],
                     "motorDeficitDays": [1, 5, 10, 20, None], "hoursSinceLossOfAmbulation": [6, 30, 72, None],
                     "bladderBowelDysfunction": [True, False]},
    ("performance",): {"karnofsky": [10, 40, 70, 90], "ecog": [0, 1, 2, 3, 4]},
    ("systemic",): {"currentTreatment": ["none", "chemotherapy", "targeted", "immunotherapy", "hormonal", "bone-modifying"],
                    "effectiveOptionsRemaining": [True, False], "medicallyOperable": [True, False, None],
                    "clinicianSurvivalEstimateMonths": [1, 2, 3, 4, 6, 12, 24, None]},
    ("comorbidities",): ["anemia", "diabetes", "hypertension", "cardiac", "pulmonary", "renal", "hepatic",
                         "coagulopathy", "obesity", "osteoporosis", "other"],
    ("social",): {"familySupport": ["strong", "limited", "none"], "financialConstraints": ["none", "some", "severe"],
                  "travelBurden": ["low", "high"]},
    ("preferences",): {"priorities": ["relieve-pain", "maintain-function", "prolong-life", "avoid-surgery", "fewest-visits", "stay-home"],
                       "declines": ["cebrt", "sbrt", "separation-surgery", "decompression-stabilization", "stabilization",
                                    "cement-augmentation", "dexamethasone", "bracing", "systemic-therapy"]},
    ("symptoms",): {"newBackPain": [True, False],
                    "painFeatures": ["thoracic-or-cervical", "progressive", "unremitting", "mechanical", "strain-aggravated",
                                     "nocturnal", "localized-tenderness", "claudication"],
                    "neuroSymptoms": ["limb-weakness", "numbness", "gait-disturbance", "sphincter-dysfunction", "radicular-pain"]},
}
LIST_FIELDS = {"sites", "currentTreatment", "priorities", "declines", "painFeatures", "neuroSymptoms"}


def from_domain(c, rng):
    """Sets one field (added if absent) to a value of its domain: one code, or for a list field a
    subset of its codes (case-format.md)."""
    path, domain = rng.choice(sorted(DOMAINS.items()))
    if path == ("comorbidities",):
        c["comorbidities"] = rng.sample(domain, rng.choice([0, 1, 1, 2, 3]))
        return
    nodes = [c]
    for key in path:  # "[]" steps into every item of a list
        if key == "[]":
            nodes = [x for n in nodes if isinstance(n, list) for x in n]
        else:
            nodes = [n.get(key) for n in nodes if isinstance(n, dict)]
    nodes = [n for n in nodes if isinstance(n, dict)]
    if not nodes:
        return
    node, key = rng.choice(nodes), rng.choice(sorted(domain))
    values = domain[key]
    if key in LIST_FIELDS:
        node[key] = rng.sample(values, rng.choice([0, 1, 1, 2, 3]))
    else:
        node[key] = copy(rng.choice(values))


def copy(value):
    return json.loads(json.dumps(value))


def sources():
    vignettes = json.load(open(SHARED))
    cases = [vignettes[k]["case"] for k in sorted(vignettes)]
    for path in sorted(glob.glob("Examples/*.json")) + sorted(glob.glob("Sources/SpineServer/Demo/Cases/*.json")):
        cases.append(json.load(open(path)))
    return cases


def levels_of(lesions):
    """Every level of the lesions, in order, each once (what involvedLevels must hold)."""
    levels = []
    for lesion in lesions:
        if isinstance(lesion, dict) and isinstance(lesion.get("levels"), list):
            levels += [x for x in lesion["levels"] if x not in levels]
    return levels


def crossed(cases, rng):
    """A case whose sections come from different source cases, with 1-3 lesions drawn from all."""
    keys = sorted({k for c in cases for k in c})
    c = {}
    for k in keys:
        src = rng.choice(cases)
        if k in src:
            c[k] = copy(src[k])
    lesions = [l for s in cases for l in s.get("spine", {}).get("lesions", [])]
    c.setdefault("spine", {})["lesions"] = [copy(rng.choice(lesions)) for _ in range(rng.choice([1, 1, 2, 3]))]
    c["spine"]["involvedLevels"] = levels_of(c["spine"]["lesions"])
    c["patient"] = {"id": "GEN-%d" % rng.randint(0, 10**6)}
    return c


def seen_values(cases):
    """Every value seen at each path (list items under "[]")."""
    seen = collections.defaultdict(set)

    def walk(o, path):
        if isinstance(o, dict):
            for k, v in o.items():
                seen[path + (k,)].add(json.dumps(v, sort_keys=True))
                walk(v, path + (k,))
        elif isinstance(o, list):
            for v in o:
                walk(v, path + ("[]",))

    for c in cases:
        walk(c, ())
    return {k: sorted(v) for k, v in seen.items()}


def mutated(c, seen, rng):
    for _ in range(rng.choice([1, 2, 3, 4, 6, 8])):
        nodes = []

        def collect(o, path):
            if isinstance(o, dict):
                nodes.append((o, path))
                for k, v in o.items():
                    collect(v, path + (k,))
            elif isinstance(o, list):
                for v in o:
                    collect(v, path + ("[]",))

        if rng.random() < 0.3:
            from_domain(c, rng)
            continue
        collect(c, ())
        node, path = rng.choice(nodes)
        if not node:
            continue
        key = rng.choice(sorted(node))
        r = rng.random()
        if key in BOUNDARIES and r < 0.5:
            node[key] = rng.choice(BOUNDARIES[key])
        elif r < 0.1:
            del node[key]
        elif r < 0.2:
            node[key] = None
        elif seen.get(path + (key,)):
            node[key] = json.loads(rng.choice(seen[path + (key,)]))
    # Mostly keep involvedLevels consistent with the lesions, sometimes with extra levels.
    spine = c.get("spine")
    if rng.random() < 0.7 and isinstance(spine, dict) and isinstance(spine.get("lesions"), list):
        spine["involvedLevels"] = levels_of(spine["lesions"]) + rng.choice([[], [], ["L3"], ["C2", "S2"]])
    return c


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    cases = sources()
    base = cases + [crossed(cases, rng) for _ in range(3000)]
    seen = seen_values(base)
    out = sys.stdout
    for _ in range(count):
        out.write(json.dumps(mutated(copy(rng.choice(base)), seen, rng), separators=(",", ":"), ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
