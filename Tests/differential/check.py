#!/usr/bin/env python3
"""Differential check of `spineboard assess --ndjson` against an independent oracle.

For every line of CASES and the matching line of RESULTS:
- an invalid case must give {"error": {path, message}, "errors": [...]} and nothing else;
- a valid case's SINS, revised Tokuhashi, Tomita, modified and original Bauer, NESMS and Rades
  totals (or incomplete / not-applicable), its NOMS arms, Patchell and en bloc statuses (where
  this file can decide them) and its urgency level must equal this file's own reading of
  ../shared/clinical (reference.md §1-8, §11.3 and §13, case-format.md, histologies.md, whose
  table is parsed here, not copied), written without looking at the Swift code's structure;
- the clinical invariants below must hold (each names what the reference or the issue requires).

Exits 1 on any mismatch, on a line count mismatch, or when fewer than 30 % of the lines were
valid (a check that assessed almost nothing would prove nothing).

usage: check.py CASES.ndjson RESULTS.ndjson   (run from the repository root)
"""
import collections
import json
import sys

TODAY = "2026-03-01"  # the --today the script passes to spineboard
ESCC_ORDER = ["0", "1a", "1b", "1c", "2", "3"]
LEVELS = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 6)]
LOCATION = {
    **{"C1": 3, "C2": 3, "C7": 3, "T1": 3, "T2": 3, "T11": 3, "T12": 3, "L1": 3, "L5": 3, "S1": 3},
    **{f"C{i}": 2 for i in range(3, 7)}, **{f"L{i}": 2 for i in range(2, 5)},
    **{f"T{i}": 1 for i in range(3, 11)}, **{f"S{i}": 0 for i in range(2, 6)},
}
PAIN = {"mechanical": 3, "occasional": 1, "none": 0}
BONE = {"lytic": 2, "mixed": 1, "blastic": 0}
ALIGNMENT = {"subluxation": 4, "deformity": 2, "normal": 0}
COLLAPSE = {"over50": 3, "under50": 2, "noCollapseOver50Involved": 1, "none": 0}
POSTEROLATERAL = {"bilateral": 3, "unilateral": 1, "none": 0}
GROWTH = {"slow": 1, "moderate": 2, "rapid": 4}
BANDS = {
    "sins": [(0, 6, "stable"), (7, 12, "potentially-unstable"), (13, 18, "unstable")],
    "tokuhashiRevised": [(0, 8, "under-6-months"), (9, 11, "6-months-or-more"), (12, 15, "12-months-or-more")],
    "tomita": [(2, 3, "wide-or-marginal-excision"), (4, 5, "marginal-or-intralesional-excision"),
               (6, 7, "palliative-surgery"), (8, 10, "supportive-care")],
    "bauerModified": [(0, 1, "supportive-care"), (2, 2, "posterior-palliative-surgery"), (3, 4, "anterior-posterior-surgery")],
    "rades": [(20, 25, "20-25"), (26, 30, "26-30"), (31, 35, "31-35"), (36, 40, "36-40"), (41, 45, "41-45")],
}
OPTIONS = {"cebrt", "sbrt", "separation-surgery", "decompression-stabilization", "stabilization",
           "cement-augmentation", "en-bloc-resection", "systemic-therapy", "dexamethasone", "embolization",
           "bracing", "bone-modifying-agent", "analgesia", "rehabilitation", "palliative-care"}
REFERRALS = {"spine-surgery", "radiation-oncology", "medical-oncology", "diagnostic-radiology",
             "interventional-radiology", "physiatry", "palliative-care", "social-work"}
OPEN_SURGERY = {"separation-surgery", "decompression-stabilization", "stabilization", "en-bloc-resection"}
LOCAL = OPEN_SURGERY | {"cebrt", "sbrt", "cement-augmentation", "bracing"}
# Radiotherapy, operations and percutaneous stabilisation: the local options less the orthosis.
LOCAL_TREATMENTS = LOCAL - {"bracing"}
STABILISING = OPEN_SURGERY | {"cement-augmentation", "bracing"}


def histologies():
    """histologies.md's table: code -> Tokuhashi points, Tomita growth, Bauer columns, Rades points."""
    table = {}
    for line in open("../shared/clinical/histologies.md"):
        if not line.startswith("| ") or line.startswith("| code"):
            continue
        cells = [x.strip() for x in line.strip().strip("|").split("|")]
        table[cells[0]] = {
            "tokuhashi": int(cells[2].split()[0]),
            "growth": cells[3].replace("†", "").strip(),
            "favourable": cells[4] == "yes",
            "lung": cells[5],
            "rades": int(cells[6].split("(")[1].rstrip(")")),
            "radiosensitivity": cells[7].split()[0],
        }
    return table


HISTOLOGY = histologies()


def total(parts):
    return None if None in parts else sum(parts)


def sins_items(lesion):
    """§1.1, §1.5: each item's points, None where missing (never a default 0); the higher location
    class of a spanning lesion; C1's collapse is 0."""
    parts = [max(LOCATION[x] for x in lesion["levels"])]
    for key, table in (("pain", PAIN), ("boneLesion", BONE), ("alignment", ALIGNMENT), ("posterolateral", POSTEROLATERAL)):
        parts.append(None if lesion.get(key) is None else table[lesion[key]])
    if lesion["levels"] == ["C1"]:
        parts.append(0)
    else:
        parts.append(None if lesion.get("collapse") is None else COLLAPSE[lesion["collapse"]])
    return parts


def sins_of_lesion(lesion):
    return total(sins_items(lesion))


def sins_lower_bound(lesion):
    """The points of the items scored: a missing item can only add (§1.5)."""
    return sum(p for p in sins_items(lesion) if p is not None)


def known_sins(c):
    """The highest SINS known to hold for any lesion (the safe-side rules read it)."""
    return max(sins_lower_bound(lesion) for lesion in c["spine"]["lesions"])


def deciding_escc(lesions):
    """The ESCC grade (index in ESCC_ORDER) the NOMS pathway reads: the highest when every lesion is
    graded, or a known high grade no missing grade can lower; None when the deciding grade is unknown."""
    grades = [l.get("escc") for l in lesions]
    known = [ESCC_ORDER.index(g) for g in grades if g is not None]
    if known and (None not in grades or max(known) >= 4):
        return max(known)
    return None


def whole_months(start, end):
    """Whole months from start to end, and whether days remain beyond them."""
    y0, m0, d0 = map(int, start.split("-"))
    y1, m1, d1 = map(int, end.split("-"))
    months = (y1 - y0) * 12 + (m1 - m0) - (1 if d1 < d0 else 0)
    return months, d1 != d0


def oracle(c):
    """Each instrument's total, None when incomplete, "n/a" when not applicable."""
    lesions = c["spine"]["lesions"]
    involved = len(c["spine"]["involvedLevels"])
    h = HISTOLOGY[c["primaryTumor"]["histology"]]
    perf, neuro = c.get("performance") or {}, c.get("neurology") or {}
    other = c.get("otherMetastases") or {}
    visceral = other.get("visceral") or {}
    extraspinal = other.get("extraspinalBoneCount")
    present = visceral.get("present")
    out = {}

    per_lesion = [sins_of_lesion(lesion) for lesion in lesions]
    out["sins"] = None if None in per_lesion else max(per_lesion)

    # Revised Tokuhashi (§3.1); ECOG only: the conventional mapping, the lower points at ECOG 1 (§9.3).
    k, e = perf.get("karnofsky"), perf.get("ecog")
    if k is not None:
        condition = 0 if k <= 40 else 1 if k <= 70 else 2
    else:
        condition = None if e is None else {0: 2, 1: 1, 2: 1, 3: 0, 4: 0, 5: 0}[e]
    foci = None if extraspinal is None else 0 if extraspinal >= 3 else 1 if extraspinal >= 1 else 2
    vertebrae = 0 if involved >= 3 else 1 if involved == 2 else 2
    if present is None:
        organs = None
    elif not present or not set(visceral.get("sites") or []) & {"lung", "liver", "kidney", "brain"}:
        organs = 2
    else:
        removable = visceral.get("surgicallyRemovable")
        organs = None if removable is None else 1 if removable else 0
    grade = neuro.get("frankel") or neuro.get("asia")
    palsy = None if grade is None else 0 if grade in "AB" else 1 if grade in "CD" else 2
    out["tokuhashiRevised"] = total([condition, foci, vertebrae, organs, h["tokuhashi"], palsy])

    # Tomita (§4.1): the clinician's growth class overrides the catalogue; "—" needs it.
    growth = c["primaryTumor"].get("tomitaGrowth") or h["growth"]
    solitary = None if extraspinal is None else involved == 1 and extraspinal == 0
    if present is None:
        tomita_visceral = None
    elif not present:
        tomita_visceral = 0
    else:
        treatable = visceral.get("treatable")
        tomita_visceral = None if treatable is None else 2 if treatable else 4
    out["tomita"] = total([GROWTH.get(growth), tomita_visceral, None if solitary is None else 1 if solitary else 2])

    # Bauer (§5): the unknown primary earns no "no lung cancer" point (SpineBoard decision 4).
    modified = total([None if present is None else 0 if present else 1, 1 if h["lung"] == "no" else 0,
                      1 if h["favourable"] else 0, None if solitary is None else 1 if solitary else 0])
    out["bauerModified"] = modified
    fracture = any(l.get("collapse") in ("over50", "under50") for l in lesions)
    unknown = any(l.get("collapse") is None and l["levels"] != ["C1"] for l in lesions)
    no_fracture = 0 if fracture else None if unknown else 1
    out["bauerOriginal"] = total([modified, no_fracture])

    # NESMS (§6.1, SpineBoard decision 3).
    ambulation = neuro.get("ambulation")
    albumin = (c.get("labs") or {}).get("albumin")
    if modified is None or ambulation is None or albumin is None:
        out["nesms"] = None
    else:
        gdl = albumin["value"] if albumin["unit"] == "g/dL" else albumin["value"] / 10
        out["nesms"] = min((2 if modified >= 3 else 0) + (1 if ambulation == "independent" else 0) + (1 if gdl >= 3.5 else 0), 3)

    # Rades 2008 (§8.1, case-format.md): only with a motor deficit.
    days = neuro.get("motorDeficitDays")
    if days is None:
        out["rades"] = "n/a"
        return out
    if extraspinal is not None and extraspinal > 0:
        other_bone = True
    else:
        graded = [l for l in lesions if l.get("escc") is not None]
        if len(graded) == len(lesions):
            top = max(ESCC_ORDER.index(l["escc"]) for l in lesions)
            most = next(l for l in lesions if ESCC_ORDER.index(l["escc"]) == top)
            candidates = [most]
        else:  # any lesion may be the most compressive: decided only if all agree
            candidates = lesions
        outside = {involved > len(l["levels"]) for l in candidates}
        other_bone = outside.pop() if len(outside) == 1 else None
        if extraspinal is None and other_bone is False:
            other_bone = None
    tumour = c["primaryTumor"]
    if tumour.get("monthsFromDiagnosisToSpinalMetastasis") is not None:
        interval = 7 if tumour["monthsFromDiagnosisToSpinalMetastasis"] > 15 else 4
    elif tumour.get("diagnosedOn"):
        months, beyond = whole_months(tumour["diagnosedOn"], c.get("assessedOn") or TODAY)
        interval = 7 if months > 15 or (months == 15 and beyond) else 4
    else:
        interval = None
    out["rades"] = total([
        h["rades"], None if other_bone is None else 5 if other_bone else 7,
        None if present is None else 2 if present else 7, interval,
        None if ambulation is None else 3 if ambulation == "nonAmbulatory" else 7,
        3 if days <= 7 else 5 if days <= 14 else 8,
    ])
    return out


def radiosensitivity(c):
    """NOMS O (§11.2, SpineBoard decision 2): the case's override, else the catalogue's class."""
    tumour = c["primaryTumor"]
    return tumour.get("radiosensitivity") or HISTOLOGY[tumour["histology"]]["radiosensitivity"]


# Each survival instrument's published bands read as short / intermediate / long (README,
# "Expected survival ≥ 3 months without a clinician estimate"; reference §3.2, §4.2, §5.1, §6, §8.1).
TIERS = {
    "tokuhashiRevised": lambda t: "long" if t >= 12 else "intermediate" if t >= 9 else "short",
    "tomita": lambda t: "long" if t <= 3 else "intermediate" if t <= 5 else "short",
    "bauerModified": lambda t: "intermediate" if t >= 3 else "short",
    "nesms": lambda t: "long" if t == 3 else "intermediate" if t == 2 else "short",
    "rades": lambda t: "long" if t >= 36 else "intermediate" if t >= 31 else "short",
}


def survival_at_least_3_months(c, scores):
    """yes / no / uncertain: the clinician's estimate decides; without it the scores can establish
    survival (none short, and one long or Tokuhashi >= 9) but never deny it (README)."""
    estimate = (c.get("systemic") or {}).get("clinicianSurvivalEstimateMonths")
    if estimate is not None:
        return "yes" if estimate >= 3 else "no"
    tiers = [TIERS[name](total) for name, total in scores.items() if name in TIERS and isinstance(total, int)]
    tokuhashi = scores["tokuhashiRevised"]
    if tiers and "short" not in tiers and ("long" in tiers or (tokuhashi is not None and tokuhashi >= 9)):
        return "yes"
    return "uncertain"


def noms_codes(c, survival):
    """The NOMS arms' codes (reference §11.3; SpineBoard decisions 1-2)."""
    lesions = c["spine"]["lesions"]
    escc = deciding_escc(lesions)
    n = "unknown" if escc is None else "high-grade" if escc >= 4 else "low-grade"
    o = radiosensitivity(c)
    # M: each lesion's need (R2); a lesion with items missing counts when its scored items reach 7.
    demands = []
    exact_all = True
    for lesion in lesions:
        points = sins_of_lesion(lesion)
        if points is None:
            exact_all = False
            points = sins_lower_bound(lesion)
            if points < 7:
                continue
        if points >= 13:
            demands.append("unstable")
        elif points >= 7:
            demands.append("potentially-unstable")
        else:
            demands.append("stable")
    if "unstable" in demands:
        m = "unstable"
    elif "potentially-unstable" in demands:
        m = "potentially-unstable"
    elif exact_all:
        m = "stable"
    else:
        m = "unknown"
    operable = (c.get("systemic") or {}).get("medicallyOperable")
    if operable is False or survival == "no":
        s = "not-surgical-candidate"
    elif operable is None or survival != "yes":
        s = "undetermined"
    else:
        s = "surgical-candidate"
    return {"neurologic": n, "oncologic": o, "mechanical": m, "systemic": s}


def neurological(c):
    """Neurological symptoms or signs (case-format.md "Urgency", with the README's safe-side readings)."""
    symptoms, neuro = c.get("symptoms") or {}, c.get("neurology") or {}
    grade = neuro.get("frankel") or neuro.get("asia")
    return bool(symptoms.get("neuroSymptoms") or neuro.get("deficit") not in (None, "none")
                or neuro.get("bladderBowelDysfunction") is True
                or (neuro.get("deficit") is None and grade not in (None, "E"))
                or (neuro.get("ambulation") == "nonAmbulatory" and neuro.get("hoursSinceLossOfAmbulation") is not None))


def patchell(c, survival):
    """R4's status (reference §11.3, strict reading: pain alone is not a symptom)."""
    lesions = c["spine"]["lesions"]
    grades = [l.get("escc") for l in lesions]
    escc = deciding_escc(lesions)
    if escc is not None and escc < 4:
        return "not-applicable"
    neuro = c.get("neurology") or {}
    areas = sorted((min(LEVELS.index(x) for x in l["levels"]), max(LEVELS.index(x) for x in l["levels"]))
                   for l in lesions if l.get("escc") in ("2", "3"))
    separate, reach = 0, None
    for low, high in areas:
        if reach is None or low > reach + 1:
            separate += 1
        reach = high if reach is None else max(reach, high)
    grade = neuro.get("frankel") or neuro.get("asia")
    if grade is not None:
        paraplegic = grade in "AB"
    else:
        paraplegic = None if neuro.get("ambulation") == "nonAmbulatory" else False
    if paraplegic is None:
        not_paraplegic_48h = None
    elif paraplegic:
        hours = neuro.get("hoursSinceLossOfAmbulation")
        not_paraplegic_48h = None if hours is None else hours <= 48
    else:
        not_paraplegic_48h = True
    criteria = [
        None if c["primaryTumor"]["histology"] == "unknown-primary" else True,
        None if escc is None else escc >= 4,
        neurological(c),
        False if separate >= 2 else None if None in grades else True,
        None if survival == "uncertain" else survival == "yes",
        # The reference's list; a solitary plasmacytoma is read with myeloma (README, rules 2026.11.9).
        c["primaryTumor"]["histology"] not in ("lymphoma", "leukemia", "myeloma", "plasmacytoma", "germ-cell"),
        not_paraplegic_48h,
        (c.get("systemic") or {}).get("medicallyOperable"),
    ]
    if False in criteria:
        return "not-met"
    return "undetermined" if None in criteria else "met"


def en_bloc(c, scores, survival):
    """R5's status (reference §11.3): solitary; no or controlled visceral disease; long expected
    survival (Tomita 2-3; Tokuhashi 12-15, or 9-11 with one involved vertebra and no major-organ
    metastases), each computed score agreeing (the criterion's documented reading); a favourable
    histology, the reference's examples (renal cell, thyroid); fit for major surgery with survival
    >= 3 months."""
    other = c.get("otherMetastases") or {}
    visceral, extraspinal = other.get("visceral") or {}, other.get("extraspinalBoneCount")
    involved = len(c["spine"]["involvedLevels"])
    present = visceral.get("present")
    tomita, tokuhashi = scores["tomita"], scores["tokuhashiRevised"]
    tomita_long = None if tomita is None else tomita <= 3
    tokuhashi_long = None
    if tokuhashi is not None:
        organs_free = not present or not set(visceral.get("sites") or []) & {"lung", "liver", "kidney", "brain"}
        tokuhashi_long = tokuhashi >= 12 or (9 <= tokuhashi <= 11 and involved == 1 and organs_free)
    long = False if False in (tomita_long, tokuhashi_long) else True if True in (tomita_long, tokuhashi_long) else None
    operable = (c.get("systemic") or {}).get("medicallyOperable")
    fit = False if operable is False or survival == "no" else True if operable and survival == "yes" else None
    criteria = [
        False if involved > 1 else None if extraspinal is None else extraspinal == 0,
        None if present is None else not present or visceral.get("treatable") is True,
        long,
        c["primaryTumor"]["histology"] in ("kidney", "thyroid"),
        fit,
    ]
    if False in criteria:
        return "not-met"
    return "undetermined" if None in criteria else "met"


def urgency(c):
    """case-format.md "Urgency", with the two safe-side readings the README documents (a Frankel or
    ASIA grade below E without a deficit recorded, a recorded loss of ambulation)."""
    if neurological(c):
        return "emergency"
    symptoms = c.get("symptoms") or {}
    high = any(l.get("escc") in ("2", "3") for l in c["spine"]["lesions"])
    if symptoms.get("newBackPain") is True or symptoms.get("painFeatures") or known_sins(c) >= 13 or high:
        return "urgent"
    return "routine"


def invariants(c, r):
    """Names of the clinical invariants this result breaks."""
    broken = []
    options = {o["code"]: o for o in r["options"]}
    codes = [o["code"] for o in r["options"]]
    preferences = c.get("preferences") or {}
    declines = set(preferences.get("declines") or [])
    systemic, social = c.get("systemic") or {}, c.get("social") or {}
    neuro, symptoms = c.get("neurology") or {}, c.get("symptoms") or {}
    comorbidities = set(c.get("comorbidities") or [])
    scores = r["scores"]

    def need(ok, name):
        if not ok:
            broken.append(name)

    need(r.get("disclaimer", "").startswith("Decision support only") and r.get("rulesVersion"), "disclaimer and rules version")
    for name, s in scores.items():
        if s.get("status") == "computed" and "total" in s:
            need(s["minimum"] <= s["total"] <= s["maximum"], f"{name}: total within its range")
            if name in BANDS:
                band = [b[2] for b in BANDS[name] if b[0] <= s["total"] <= b[1]]
                need(band and s.get("category") == band[0], f"{name}: category of its band")
            if "items" in s:
                points = sum(i["points"] for i in s["items"])
                need(s["total"] == (min(points, 3) if name == "nesms" else points), f"{name}: total is its items' sum")
        if s.get("status") == "incomplete":
            need(s.get("missing") and "total" not in s, f"{name}: incomplete lists what is missing, no total")
    need([o["rank"] for o in r["options"]] == list(range(1, len(codes) + 1)), "ranks 1…n")
    need(len(set(codes)) == len(codes) and set(codes) <= OPTIONS, "option codes valid and unique")
    need(set(r["referrals"]) <= REFERRALS and r["referrals"] == [d["code"] for d in r["referralDetails"]], "referral codes")
    for o in r["options"]:
        need(o["rationale"] and all(x.get("rule") and x.get("citation") and x.get("finding") for x in o["rationale"]), "every option cited")
        need(bool(o["goals"]), "every option serves a goal")
        need(o.get("regimen") not in o.get("alternativeRegimens", []), "a regimen is not its own alternative")
        need(o["declined"] == (o["code"] in declines), "declined exactly when the patient declined it")
    level = r["urgency"]["level"]
    deadlines = r["urgency"]["deadlines"]
    if level == "emergency":
        need("dexamethasone" in options, "emergency: dexamethasone on the list")
        need(any("MSCC coordinator" in d["action"] and d["withinHours"] == 0 for d in deadlines), "emergency: MSCC coordinator now")
        need(any("MRI" in d["action"] and d["withinHours"] <= 24 for d in deadlines), "emergency: MRI within 24 h")
    if level == "urgent":
        need(any("MRI" in d["action"] and d["withinHours"] <= 168 for d in deadlines), "urgent: MRI within 1 week")
    if level != "routine":
        need(bool(r["urgency"]["reasons"]) and "diagnostic-radiology" in r["referrals"], "urgent or emergency: reasons and radiology")
    estimate = systemic.get("clinicianSurvivalEstimateMonths")
    if systemic.get("medicallyOperable") is False or (estimate is not None and estimate < 3):
        need(not OPEN_SURGERY & set(codes), "NOMS R1: no open surgery when inoperable or survival < 3 months")
        need("cebrt" in options, "NOMS R1: cEBRT")
    sins = scores["sins"]
    if known_sins(c) >= 7 or scores["escc"].get("highGrade"):
        need("spine-surgery" in r["referrals"], "SINS ≥ 7 or high-grade ESCC: spine-surgery referral")
    if sins.get("status") == "computed" and sins["total"] >= 13:
        need(bool(STABILISING & set(codes)), "SINS ≥ 13: a stabilising option")
    # The NOMS systemic gate open: operable, clinician estimate ≥ 3 months.
    gate_open = systemic.get("medicallyOperable") is True and estimate is not None and estimate >= 3
    if gate_open and any(l.get("bonyRetropulsion") for l in c["spine"]["lesions"]):
        need("decompression-stabilization" in options, "R3: bony retropulsion at any lesion → decompression + stabilisation")
    if radiosensitivity(c) == "sensitive" and scores["escc"].get("highGrade") and "cebrt" not in declines:
        need("cebrt" in options, "radiosensitive, high-grade ESCC: cEBRT")
    live_local = [x for x in codes if x in LOCAL and not options[x]["declined"]
                  and not any("the patient prefers to avoid surgery" in n for n in options[x]["contextNotes"])]
    if LOCAL & set(codes) and not live_local:
        need("cebrt" in declines, "a local option the patient has not declined or avoided, unless cEBRT is declined too")
    if "avoid-surgery" in (preferences.get("priorities") or []):
        surgery = [i for i, x in enumerate(codes) if x in OPEN_SURGERY]
        others = [i for i, x in enumerate(codes) if x in LOCAL - OPEN_SURGERY and not options[x]["declined"]]
        if surgery and others:
            need(min(others) < min(surgery), "avoid-surgery: a non-operative option ranks first")
    if (symptoms.get("painScore") or 0) >= 1:
        need("analgesia" in options, "pain: analgesia")
    if neuro.get("deficit") not in (None, "none"):
        need("rehabilitation" in options, "deficit: rehabilitation")
    if social.get("familySupport") in ("limited", "none") or social.get("financialConstraints") in ("some", "severe"):
        need("social-work" in r["referrals"], "limited support or financial constraints: social work")
    if "dexamethasone" in options:
        cautions = " ".join(options["dexamethasone"]["cautions"])
        if "diabetes" in comorbidities:
            need("glucose" in cautions, "diabetes: steroid glucose caution")
        if "hypertension" in comorbidities:
            need("blood pressure" in cautions, "hypertension: steroid blood-pressure caution")
    # R3-R5 (reference §11.3) where nothing else intervenes: one graded lesion, no preferences, the
    # systemic gate open (operable, clinician estimate ≥ 3 months).
    lesions = c["spine"]["lesions"]
    plain = (len(lesions) == 1 and lesions[0].get("escc") is not None and not declines
             and not preferences.get("priorities") and gate_open)
    if plain:
        lesion = lesions[0]
        high = lesion["escc"] in ("2", "3")
        sensitivity = radiosensitivity(c)
        if lesion.get("bonyRetropulsion"):
            need("decompression-stabilization" in options, "R3: bony retropulsion → decompression + stabilisation")
        else:
            if sensitivity in ("sensitive", "unclassified"):
                need("cebrt" in options, "R3: radiosensitive → cEBRT")
            if sensitivity in ("resistant", "unclassified"):
                need("sbrt" in options, "R3: radioresistant → SBRT")
                if high:
                    need("separation-surgery" in options, "R3: radioresistant + high-grade → separation surgery")
            if sensitivity == "sensitive":
                need("separation-surgery" not in options, "R3: no separation surgery for a radiosensitive tumour")
                if high and r["patchell"]["status"] == "met":
                    need("decompression-stabilization" in options, "R4: Patchell met → decompression + stabilisation")
        if r["enBloc"]["status"] == "met":
            need("en-bloc-resection" in options, "R5: en bloc criteria met → en bloc resection")
    referral = {d["code"]: d["reasons"] for d in r["referralDetails"]}
    # Referrals are for what is offered: a declined option asks for none (2026.11.29).
    offered = {x for x in options if not options[x]["declined"]}
    listed_operations = [x for x in codes if x in OPEN_SURGERY]
    surgery_off = bool(listed_operations) and ("avoid-surgery" in (preferences.get("priorities") or [])
                                               or all(options[x]["declined"] for x in listed_operations))
    radiotherapy = [name for code, name in (("cebrt", "cEBRT"), ("sbrt", "SBRT")) if code in offered]
    if radiotherapy:
        need(f"radiotherapy option ({', '.join(radiotherapy)})" in referral.get("radiation-oncology", []), "radiotherapy: radiation-oncology referral naming what is offered")
    else:
        need(not any(t.startswith("radiotherapy option") for t in referral.get("radiation-oncology", [])), "no radiotherapy referral without radiotherapy offered")
    need(("rehabilitation" in offered) == ("physiatry" in referral), "rehabilitation offered exactly with a physiatry referral")
    need(("palliative-care" in offered) == ("palliative-care" in referral), "palliative care offered exactly with its referral")
    need(("cement-augmentation" in offered) == ("cement augmentation" in referral.get("interventional-radiology", [])), "cement offered with interventional radiology")
    # An asymptomatic lesion's radiotherapy is optional (§16 V02); "systemic therapy may suffice"
    # only where systemic therapy is offered (2026.11.29).
    if any("systemic therapy may suffice" in t for x in options.values() for t in x["contextNotes"]):
        need("systemic-therapy" in offered, "systemic therapy said to suffice only where it is offered")
    embolisation = [t for t in referral.get("interventional-radiology", []) if t.startswith("pre-operative embolisation")]
    need(embolisation == (["pre-operative embolisation, if the operation goes ahead" if surgery_off else "pre-operative embolisation"]
                          if "embolization" in offered else []), "embolisation referral when offered, conditional when surgery is off")
    if level == "emergency" and "dexamethasone" in options and not options["dexamethasone"]["declined"]:
        need(codes[0] == "dexamethasone", "emergency: dexamethasone ranks first")
    for o in r["options"]:
        if any("fewer fractions favoured; 8 Gy × 1" in t for t in o["contextNotes"]):
            need(o.get("regimen") == "8 Gy × 1", "a 'fewer fractions favoured' note goes with 8 Gy × 1")
        for key in ("contextNotes", "cautions", "alternativeRegimens"):
            need(len(set(o.get(key, []))) == len(o.get(key, [])), f"no repeated {key}")
    need(all(len(set(d["reasons"])) == len(d["reasons"]) for d in r["referralDetails"]), "no repeated referral reason")
    # R4: where Patchell is met, surgery + RT is favoured over RT alone — the operation ranks first
    # unless the patient avoids or declined it or a serious comorbidity lowers it (README).
    operations = [x for x in codes if x in ("decompression-stabilization", "separation-surgery") and not options[x]["declined"]]
    radiotherapy_alone = [x for x in codes if x in ("cebrt", "sbrt") and not options[x]["declined"]]
    if (r["patchell"]["status"] == "met" and operations and radiotherapy_alone
            and "avoid-surgery" not in (preferences.get("priorities") or [])
            and not comorbidities & {"cardiac", "pulmonary", "coagulopathy", "hepatic", "renal"}):
        need(codes.index(operations[0]) < codes.index(radiotherapy_alone[0]), "R4 met: the operation ranks before radiotherapy alone")
    if "analgesia" in options and comorbidities & {"renal", "coagulopathy"}:
        need(any("avoid NSAIDs" in t for t in options["analgesia"]["cautions"]), "renal impairment or coagulopathy: no NSAIDs")
    if "anemia" in comorbidities:
        for x in OPEN_SURGERY & set(codes):
            need(any("haemoglobin" in t for t in options[x]["cautions"]), "anaemia: transfusion caution on surgery")
    # A decompression with Patchell's evidence beside R3's 20 Gy / 5 (not the radiotherapy alone
    # offered instead of an avoided operation): the trial's post-operative course is said (§12.3,
    # 2026.11.10) — unless the decompression is declined or the patient's choice takes surgery off
    # the plan (avoid-surgery, or every operation on the list declined; 2026.11.29).
    r4 = ("decompression-stabilization" in options and not options["decompression-stabilization"]["declined"]
          and not surgery_off and any(
        x["rule"].startswith("Patchell") for x in options["decompression-stabilization"]["rationale"]))
    # SBRT on an unstable spine follows R2's stabilisation; when the patient's choice takes surgery
    # off the plan and no accepted cement augmentation stabilises instead, the note says that no
    # stabilisation will precede it (2026.11.29).
    if "sbrt" in options:
        sbrt_notes = options["sbrt"]["contextNotes"]
        cement_ok = "cement-augmentation" in offered
        nothing_stabilises = surgery_off and not cement_ok
        if any("no stabilisation will precede SBRT" in t for t in sbrt_notes):
            need(nothing_stabilises, "SBRT says nothing stabilises first only when surgery is off and no cement is accepted")
        if nothing_stabilises:
            need(not any("follows the stabilisation R2 asks for" in t for t in sbrt_notes),
                 "SBRT does not say it follows a stabilisation the patient's choice removed")
    # Post-operative SBRT declined while its operation stands: the operation says so (2026.11.29).
    post_op_sbrt_declined = ("sbrt" in options and options["sbrt"]["declined"]
                             and (options["sbrt"].get("regimen") or "").startswith("post-operative SBRT"))
    for x in ("separation-surgery", "decompression-stabilization"):
        if x in options and not options[x]["declined"]:
            said = any("declined the SBRT this operation prepares for" in t for t in options[x]["contextNotes"])
            need(said == post_op_sbrt_declined, "an operation says when the SBRT it prepares for is declined, and only then")
    noted = "cebrt" in options and any("Patchell 2005 was 30 Gy / 10" in t for t in options["cebrt"]["contextNotes"])
    if noted:
        need(r4, "the Patchell post-operative course is noted only beside a Patchell-supported decompression that stays on the plan")
    if (r4 and "cebrt" in options and options["cebrt"].get("regimen") == "20 Gy / 5"
            and any(x["rule"].startswith("NOMS R3") for x in options["cebrt"]["rationale"])):
        need(noted, "Patchell-supported decompression beside 20 Gy / 5: Patchell's 30 Gy / 10 noted")
    # The agents' own risks (reference §12.6) go with every bone-modifying agent offered (2026.11.10).
    if "bone-modifying-agent" in options:
        need(any("MRONJ" in t for t in options["bone-modifying-agent"]["cautions"]), "bone-modifying agent: MRONJ caution")
    # Every local treatment on the list declined: the warning asks for the refusal to be recorded
    # (rules 2026.11.10); one local treatment still planned: no such warning.
    local = [x for x in codes if x in LOCAL_TREATMENTS]
    warned = any(w.startswith("The patient declined every local treatment") for w in r["warnings"])
    need(warned == bool(local and all(options[x]["declined"] for x in local)), "every local treatment declined: warned, and only then")
    return broken


def main():
    cases = open(sys.argv[1]).read().splitlines()
    results = open(sys.argv[2]).read().splitlines()
    failures, examples = collections.Counter(), {}
    checked = collections.Counter()

    def fail(name, line):
        failures[name] += 1
        examples.setdefault(name, line)

    if len(cases) != len(results):
        print(f"line count: {len(cases)} cases, {len(results)} results")
        return 1
    valid = 0
    for n, (case_line, result_line) in enumerate(zip(cases, results), 1):
        r = json.loads(result_line)
        if "error" in r:
            if set(r) != {"error", "errors"} or not r["errors"] or "path" not in r["error"] or not r["error"].get("message"):
                fail("error line: {error: {path, message}, errors}", n)
            continue
        valid += 1
        c = json.loads(case_line)
        oracle_scores = oracle(c)
        for name, expected in oracle_scores.items():
            s = r["scores"][name]
            got = "n/a" if s["status"] == "not-applicable" else s.get("total") if s["status"] == "computed" else None
            checked[name] += 1
            if got != expected:
                fail(f"{name}: oracle {expected}, SpineBoard {got}", n)
        survival = survival_at_least_3_months(c, oracle_scores)
        checked["survival"] += 1
        if r["prognosis"]["survivalAtLeast3Months"] != survival:
            fail(f"survival ≥ 3 months: oracle {survival}, SpineBoard {r['prognosis']['survivalAtLeast3Months']}", n)
        for reading in r["prognosis"]["readings"]:
            if reading["tier"] != TIERS[reading["instrument"]](reading["total"]):
                fail(f"{reading['instrument']} tier of {reading['total']}", n)
        for arm, expected in noms_codes(c, survival).items():
            checked["noms." + arm] += 1
            if r["noms"][arm]["code"] != expected:
                fail(f"NOMS {arm}: oracle {expected}, SpineBoard {r['noms'][arm]['code']}", n)
        for name, expected in (("enBloc", en_bloc(c, oracle_scores, survival)), ("patchell", patchell(c, survival))):
            checked[name] += 1
            if r[name]["status"] != expected:
                fail(f"{name}: oracle {expected}, SpineBoard {r[name]['status']}", n)
        checked["urgency"] += 1
        expected = urgency(c)
        if expected != r["urgency"]["level"]:
            fail(f"urgency: oracle {expected}, SpineBoard {r['urgency']['level']}", n)
        for name in invariants(c, r):
            fail(name, n)
    share = valid / max(len(cases), 1)
    print(f"{len(cases)} lines, {valid} valid ({share:.0%}); compared per valid case: " +
          ", ".join(f"{k} {v}" for k, v in sorted(checked.items())))
    for name, count in failures.most_common():
        print(f"FAIL {count} × {name} (first at line {examples[name]})")
    if share < 0.3:
        print("FAIL fewer than 30 % of the lines were valid")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
