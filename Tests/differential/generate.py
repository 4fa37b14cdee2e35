#!/usr/bin/env python3
"""Varied case documents for the differential check, one per line (NDJSON), deterministic per seed.

The 20 vignettes, the examples and the demo cases are crossed section by section (each section of
a new case comes from a random source case; lesions are drawn from every case), then 1-8 fields are
changed to another value seen in that place, to a boundary, to null or removed. About half of the
lines stay valid; the rest exercise validation. Nothing here knows a clinical rule.

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
