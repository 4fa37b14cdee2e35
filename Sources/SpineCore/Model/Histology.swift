// The histology catalogue (shared/clinical/histologies.md) as data, in one place: every
// instrument reads its histology column from here and nowhere else.

/// Rades 2008 tumour-type classes with their points (reference §8.1; points [M], flagged in output).
public enum RadesTumorType: String, Sendable {
    case breast, prostate, myelomaLymphoma = "myeloma/lymphoma", lung, other
    public var points: Int {
        switch self { case .breast: 8; case .prostate: 7; case .myelomaLymphoma: 9; case .lung: 3; case .other: 4 }
    }
}

/// NOMS radiosensitivity class of a histology (Laufer 2013 list, reference §11.2).
public enum RadiosensitivityClass: String, Sendable {
    case sensitive, resistant, unclassified
}

/// Whether the primary is lung cancer, for the Bauer "no lung cancer" item.
public enum LungPrimary: Sendable { case yes, no, notKnown }

/// One row of the catalogue.
public struct HistologyEntry: Sendable {
    public let code: String
    public let name: String
    /// Revised Tokuhashi 2005 primary-site points and the table row it falls in.
    public let tokuhashiPoints: Int
    public let tokuhashiRow: String
    /// Tomita 2001 growth class; nil = not classified by Tomita (clinician must give it).
    public let tomitaGrowth: TomitaGrowth?
    /// True where the growth class is a conventional assignment (†), not printed in Tomita 2001.
    public let tomitaByConvention: Bool
    /// Modified Bauer favourable primary: breast, kidney, lymphoma, myeloma (Leithner 2008).
    public let bauerFavourable: Bool
    public let lung: LungPrimary
    public let rades: RadesTumorType
    public let radiosensitivity: RadiosensitivityClass
    /// Excluded from Patchell 2005 as radiosensitive (lymphoma, leukaemia, myeloma, germ-cell).
    public let patchellExcluded: Bool
    /// Chemosensitive tumours for which systemic therapy may come first (reference §11.3 R3).
    public let systemicFirst: Bool
    /// Hypervascular: pre-operative embolisation considered (histologies.md; "variably" for some).
    public let hypervascular: Hypervascular
    /// Favourable for en bloc resection when solitary (reference §11.3 R5: e.g. RCC, thyroid).
    public let enBlocFavourable: Bool

    public enum Hypervascular: Sendable { case yes, variably, no }

    /// Haematological malignancies: NG234 advises dexamethasone 16 mg and a haematology MDT
    /// discussion for their cord compression even without neurological signs (reference §12.5).
    public var isHaematological: Bool { ["myeloma", "plasmacytoma", "lymphoma", "leukemia"].contains(code) }
    /// Lymphoma is, or may be, the diagnosis: steroids before a biopsy can obscure it (reference §12.5).
    public var lymphomaPossible: Bool { code == "lymphoma" || code == "unknown-primary" }
}

public enum HistologyCatalogue {
    /// Where each column comes from.
    public static let citation =
        "histologies.md; Tokuhashi 2005 Spine 30:2186; Tomita 2001 Spine 26:298; Leithner 2008 Eur Spine J 17:1488; Rades 2008 Cancer 112:157; Laufer 2013 Oncologist 18:744"

    // Columns: code, name, Tokuhashi points + row, Tomita growth (†), Bauer favourable, lung,
    // Rades type, NOMS radiosensitivity, Patchell-excluded, systemic-first, hypervascular, en bloc.
    public static let entries: [HistologyEntry] = [
        e("breast", "Breast carcinoma", 5, "thyroid, breast, prostate, carcinoid", .slow, false, bauer: true, .breast, .sensitive),
        e("prostate", "Prostate carcinoma", 5, "thyroid, breast, prostate, carcinoid", .slow, false, .prostate, .sensitive),
        e("thyroid", "Thyroid carcinoma", 5, "thyroid, breast, prostate, carcinoid", .slow, false, .other, .resistant,
          hypervascular: .yes, enBloc: true),
        e("neuroendocrine", "Carcinoid / well-differentiated neuroendocrine", 5, "thyroid, breast, prostate, carcinoid",
          .slow, true, .other, .sensitive, hypervascular: .yes),
        e("kidney", "Renal cell carcinoma", 3, "kidney, uterus", .moderate, false, bauer: true, .other, .resistant,
          hypervascular: .yes, enBloc: true),
        e("uterus", "Uterine carcinoma (endometrium, cervix)", 3, "kidney, uterus", .moderate, false, .other, .unclassified),
        e("rectum", "Rectal carcinoma", 4, "rectum", .rapid, true, .other, .resistant),
        e("colon", "Colon carcinoma", 2, "others", .rapid, true, .other, .resistant),
        e("lung-nsclc", "Non-small-cell lung carcinoma", 0, "lung", .rapid, false, lung: .yes, .lung, .resistant),
        e("lung-sclc", "Small-cell lung carcinoma", 0, "lung", .rapid, false, lung: .yes, .lung, .unclassified, systemicFirst: true),
        e("liver", "Hepatocellular carcinoma", 1, "liver, gallbladder, unidentified", .rapid, false, .other, .resistant,
          hypervascular: .yes),
        e("gallbladder", "Gallbladder / biliary carcinoma", 1, "liver, gallbladder, unidentified", .rapid, true, .other, .unclassified),
        e("stomach", "Gastric carcinoma", 0, "lung, osteosarcoma, stomach, bladder, oesophagus, pancreas", .rapid, false, .other, .unclassified),
        e("esophagus", "Oesophageal carcinoma", 0, "lung, osteosarcoma, stomach, bladder, oesophagus, pancreas", .rapid, true, .other, .unclassified),
        e("pancreas", "Pancreatic carcinoma", 0, "lung, osteosarcoma, stomach, bladder, oesophagus, pancreas", .rapid, true, .other, .unclassified),
        e("bladder", "Urothelial / bladder carcinoma", 0, "lung, osteosarcoma, stomach, bladder, oesophagus, pancreas", .rapid, true, .other, .unclassified),
        e("osteosarcoma", "Osteosarcoma", 0, "lung, osteosarcoma, stomach, bladder, oesophagus, pancreas", .rapid, true, .other, .resistant),
        e("sarcoma", "Other sarcoma", 2, "others", .rapid, true, .other, .resistant),
        e("melanoma", "Melanoma", 2, "others", .rapid, true, .other, .resistant, hypervascular: .variably),
        e("myeloma", "Multiple myeloma", 2, "others", nil, false, bauer: true, .myelomaLymphoma, .sensitive,
          patchellExcluded: true, systemicFirst: true, hypervascular: .variably),
        // Plasmacytoma is a plasma-cell tumour like myeloma: "myeloma is variably included" among
        // hypervascular tumours (reference §12.4) is read as covering it. Not "systemic therapy
        // first": R3 names lymphoma, myeloma and germ-cell tumours (reference §11.3), and a
        // solitary plasmacytoma of bone is treated with radiotherapy (Soutar R, et al. Br J
        // Haematol 2004;124:717–726).
        e("plasmacytoma", "Solitary plasmacytoma", 2, "others", nil, false, bauer: true, .myelomaLymphoma, .sensitive,
          patchellExcluded: true, hypervascular: .variably),
        e("lymphoma", "Lymphoma", 2, "others", nil, false, bauer: true, .myelomaLymphoma, .sensitive,
          patchellExcluded: true, systemicFirst: true),
        e("leukemia", "Leukaemia (chloroma)", 2, "others", nil, false, .other, .sensitive, patchellExcluded: true, systemicFirst: true),
        e("germ-cell", "Germ-cell tumour / seminoma", 2, "others", nil, false, .other, .sensitive, patchellExcluded: true, systemicFirst: true),
        e("ovary", "Ovarian carcinoma", 2, "others", nil, false, .other, .sensitive),
        e("head-neck", "Head and neck carcinoma", 2, "others", nil, false, .other, .unclassified),
        e("unknown-primary", "Carcinoma of unknown primary", 1, "liver, gallbladder, unidentified", .rapid, false,
          lung: .notKnown, .other, .resistant),
        e("other", "Other (describe in detail)", 2, "others", nil, false, .other, .unclassified),
    ]

    private static let byCode: [String: HistologyEntry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })

    public static func entry(_ code: String) -> HistologyEntry? { byCode[code] }
    public static var allowedCodes: String { entries.map(\.code).joined(separator: " | ") }

    private static func e(
        _ code: String, _ name: String, _ tokuhashi: Int, _ row: String, _ growth: TomitaGrowth?, _ convention: Bool,
        bauer: Bool = false, lung: LungPrimary = .no, _ rades: RadesTumorType, _ radio: RadiosensitivityClass,
        patchellExcluded: Bool = false, systemicFirst: Bool = false, hypervascular: HistologyEntry.Hypervascular = .no,
        enBloc: Bool = false
    ) -> HistologyEntry {
        HistologyEntry(
            code: code, name: name, tokuhashiPoints: tokuhashi, tokuhashiRow: row, tomitaGrowth: growth,
            tomitaByConvention: convention, bauerFavourable: bauer, lung: lung, rades: rades, radiosensitivity: radio,
            patchellExcluded: patchellExcluded, systemicFirst: systemicFirst, hypervascular: hypervascular,
            enBlocFavourable: enBloc)
    }
}
