// Decoding and validation of the case document v1: every field, every code, every cross-field
// rule of case-format.md, with all errors reported at once and each naming its field path.

/// One problem with the document: where (`spine.lesions[0].escc`) and what is allowed.
public struct CaseValidationError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Every problem found in one document.
public struct CaseValidationErrors: Error, Sendable, Equatable {
    public var errors: [CaseValidationError]
}

public enum CaseDocument {
    public static let schemaVersion = 1

    /// Limits that keep a document sane; each is named in its error message.
    public enum Limits {
        public static let idLength = 64
        public static let nameLength = 200
        public static let detailLength = 500
        public static let notesLength = 4000
        public static let monthsFromDiagnosis = 0...1200
        public static let extraspinalBoneCount = 0...1000
        public static let motorDeficitDays = 0...3650
        public static let hoursSinceLossOfAmbulation = 0...87600
        public static let survivalMonths = 0...600
        public static let painScore = 0...10
        public static let ecog = 0...5
        public static let karnofsky = 0...100
        /// The latest assessment date: its deadlines (up to a week later) must stay four-digit dates.
        public static let latestAssessedOn = CalendarDate(iso: "9998-12-31")!
        public static let albuminGramsPerDecilitre = 0.5...7.0
        public static let albuminGramsPerLitre = 5.0...70.0
        public static let priorDoseGy = 0.5...150.0
        public static let priorFractions = 1...50
        /// More than this per fraction is a total and a fraction count entered the wrong way round.
        public static let maxDosePerFractionGy = 30.0
        public static let maxAgeYears = 130
    }

    /// Decodes and validates UTF-8 JSON. `today` stands in for a missing `assessedOn`.
    public static func decode(_ bytes: some Collection<UInt8>, today: CalendarDate) -> Result<Case, CaseValidationErrors> {
        if let result = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0, today: today) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0, today: today) }
    }

    public static func decode(_ json: JSONValue, today: CalendarDate) -> Result<Case, CaseValidationErrors> {
        validate(JSONTape(json), today: today)
    }

    /// Parses the bytes into a flat tape (no tree) and validates from it while the bytes are alive.
    static func decode(buffer: UnsafeBufferPointer<UInt8>, today: CalendarDate) -> Result<Case, CaseValidationErrors> {
        let tape: JSONTape
        do {
            tape = try JSONTape.parse(buffer)
        } catch {
            return .failure(CaseValidationErrors(errors: [CaseValidationError(path: "", message: error.description)]))
        }
        return validate(tape, today: today)
    }

    static func validate(_ tape: JSONTape, today: CalendarDate) -> Result<Case, CaseValidationErrors> {
        tape.withView { view in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: view.nodes.count) { cursors in
                var v = Validator(view: view, cursors: cursors.baseAddress!)
                let result = v.readCase(0, today: today)
                guard v.errors.isEmpty, let c = consume result else { return .failure(CaseValidationErrors(errors: v.errors)) }
                return .success(c)
            }
        }
    }
}

// MARK: - The reader

/// A value of the document: the index of its node on the view.
typealias JSONIndex = Int

/// Reads one object's members, remembering what the schema allows so unknown fields are caught.
/// A field path, kept as its literal parts so that readers copy without reference counting; the
/// text is only built for an error message.
struct FieldPath: ExpressibleByStringLiteral {
    let base: StaticString
    /// An array index after `base` (`spine.lesions[2]`), or -1.
    let index: Int
    let suffix: StaticString

    init(stringLiteral base: StaticString) {
        self.base = base
        index = -1
        suffix = ""
    }

    init(_ base: StaticString, index: Int, suffix: StaticString = "") {
        self.base = base
        self.index = index
        self.suffix = suffix
    }

    var text: String { index < 0 ? "\(base)" : "\(base)[\(index)]\(suffix)" }
}

struct ObjectReader {
    let path: FieldPath
    let view: JSONTapeView
    /// The object's node.
    let index: JSONIndex
    /// Scratch, one slot per tape node. `cursors[index]`: where the next lookup starts, just after
    /// the last member found, as fields are usually read in the order they are written.
    /// `cursors[keyNode]`: the address of the schema name (a string literal) that `object` matched
    /// the member's name with, or 0.
    let cursors: UnsafeMutablePointer<Int>

    init(path: FieldPath, view: JSONTapeView, index: JSONIndex, cursors: UnsafeMutablePointer<Int>) {
        self.path = path
        self.view = view
        self.index = index
        self.cursors = cursors
        cursors[index] = index + 1
    }

    func child(_ key: String) -> String {
        let path = path.text
        return path.isEmpty ? key : path + "." + key
    }

    /// The member's value; nil when absent or JSON null (null means "not given").
    @inline(__always) subscript(_ key: StaticString) -> JSONIndex? {
        // Fast path: the member at the cursor was matched with this very literal (same address,
        // so the same text).
        let start = cursors[index]
        if start < view[index].start, cursors[start] == Int(bitPattern: key.utf8Start) { return found(start) }
        return scan(for: key)
    }

    @inline(never) private func scan(for key: StaticString) -> JSONIndex? {
        // At most one member matches (the parser rejects duplicates), so the scan may start
        // anywhere: from the cursor to the end, then from the first member to the cursor.
        let first = index + 1, end = view[index].start, start = cursors[index]
        let key = JSONTapeView.Key(key)
        var i = start
        while i < end {
            if view.stringEquals(i, key) { return found(i) }
            i = view.next(i + 1)
        }
        i = first
        while i < start {
            if view.stringEquals(i, key) { return found(i) }
            i = view.next(i + 1)
        }
        return nil
    }

    @inline(__always) private func found(_ keyNode: JSONIndex) -> JSONIndex? {
        let value = keyNode + 1
        let next = view.next(value)
        cursors[index] = next < view[index].start ? next : index + 1
        return view[value].kind == .null ? nil : value
    }
}

/// Neurological findings that cannot be recorded together, for the case document and for a
/// follow-up visit alike: (member, message), the member as named in `neurology`.
public enum NeurologyConsistency {
    public static func contradictions(frankel: NeurologicalGrade?, asia: NeurologicalGrade?,
                                      ambulation: Ambulation?) -> [(member: String, message: String)] {
        var found: [(member: String, message: String)] = []
        // Frankel D is "motor useful: can walk, with or without aids"; A–C cannot (reference §10.1).
        if let f = frankel, f < .d, let a = ambulation, a != .nonAmbulatory {
            found.append(("ambulation", "is \(a.rawValue) but frankel is \(f.rawValue), which cannot walk (Frankel D is the first grade that walks, with or without aids); give nonAmbulatory or correct the grade"))
        }
        // Frankel and ASIA letters correspond except for the C/D split (reference §10.2).
        if let f = frankel, let a = asia, f != a, !(Set([f, a]) == Set([.c, .d])) {
            found.append(("asia", "ASIA \(a.rawValue) contradicts Frankel \(f.rawValue) (the scales agree except that C and D are split differently)"))
        }
        return found
    }
}

/// The check on entered text that the case document applies, for the other inputs of the product
/// (team workflow, follow-up), so every path refuses the same characters.
public enum TextSafety {
    /// True when `text` holds a control character, a bidirectional control or (single-line text)
    /// a line break; see `Validator.hasControlCharacter`.
    public static func refuses(_ text: String, multiline: Bool) -> Bool { Validator.hasControlCharacter(text.utf8, multiline: multiline) }
    public static func message(multiline: Bool) -> String { Validator.controlCharacterMessage(multiline: multiline) }
}

struct Validator {
    let view: JSONTapeView
    /// Scratch for the object readers' cursors, one slot per tape node.
    let cursors: UnsafeMutablePointer<Int>
    var errors: [CaseValidationError] = []

    init(view: JSONTapeView, cursors: UnsafeMutablePointer<Int>) {
        self.view = view
        self.cursors = cursors
    }

    mutating func fail(_ path: String, _ message: String) {
        errors.append(CaseValidationError(path: path, message: message))
    }

    // MARK: primitives

    @inline(__always) func kind(_ i: JSONIndex) -> JSONNode.Kind { view[i].kind }
    func typeName(_ i: JSONIndex) -> String { view[i].typeName }

    /// The string at `i`, or nil when it is not a string.
    func stringValue(_ i: JSONIndex) -> String? { kind(i) == .string ? view.string(i) : nil }

    mutating func object(_ value: JSONIndex?, _ path: FieldPath, allowed: [StaticString], required: Bool = false) -> ObjectReader? {
        guard let value else {
            if required { fail(path.text, "is required") }
            return nil
        }
        guard kind(value) == .object else {
            fail(path.text, "must be an object (got \(typeName(value)))")
            return nil
        }
        let reader = ObjectReader(path: path, view: view, index: value, cursors: cursors)
        let end = view[value].start
        var i = value + 1
        // Members are usually written in the schema's order: try the name after the last match first.
        var next = 0
        while i < end {
            let key = i
            var known = false
            cursors[key] = 0
            for t in 0..<allowed.count {
                let k = next + t < allowed.count ? next + t : next + t - allowed.count
                if view.stringEquals(key, allowed[k]) {
                    known = true
                    cursors[key] = Int(bitPattern: allowed[k].utf8Start)
                    next = k + 1 == allowed.count ? 0 : k + 1
                    break
                }
            }
            if !known {
                fail(reader.child(Self.shown(view.string(key))), "unknown field; allowed here: \(allowed.map { "\($0)" }.joined(separator: ", "))")
            }
            i = view.next(i + 1)
        }
        return reader
    }

    /// `multiline` free text (a tumour detail, the patient's notes) may hold line breaks and tabs;
    /// identifiers and names may not, so that no value can start a line of its own in a report.
    mutating func string(_ r: ObjectReader, _ key: StaticString, required: Bool = false, maxLength: Int,
                         multiline: Bool = false) -> String? {
        guard let value = r[key] else {
            if required { fail(r.child("\(key)"), "is required") }
            return nil
        }
        if let bytes = view.asciiBytes(value) {
            // ASCII without escapes: one scalar per byte, and no C0 control characters (the parser
            // rejects them raw); DEL is the one control character JSON lets through raw.
            if bytes.count > maxLength {
                fail(r.child("\(key)"), "must be at most \(maxLength) characters (got \(bytes.count))")
                return nil
            }
            if bytes.contains(0x7F) {
                fail(r.child("\(key)"), Self.controlCharacterMessage(multiline: multiline))
                return nil
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let s = stringValue(value) else {
            fail(r.child("\(key)"), "must be a string (got \(typeName(value)))")
            return nil
        }
        // A string has no more scalars than UTF-8 bytes: only a long one needs its scalars counted.
        if s.utf8.count > maxLength, s.unicodeScalars.count > maxLength {
            fail(r.child("\(key)"), "must be at most \(maxLength) characters (got \(s.unicodeScalars.count))")
            return nil
        }
        if Self.hasControlCharacter(s.utf8, multiline: multiline) {
            fail(r.child("\(key)"), Self.controlCharacterMessage(multiline: multiline))
            return nil
        }
        return s
    }

    /// An unknown member's name as an error path shows it: at most 64 characters, so that a
    /// megabyte-long key is not echoed back whole.
    static func shown(_ name: String) -> String {
        name.unicodeScalars.count <= 64 ? name : String(String.UnicodeScalarView(name.unicodeScalars.prefix(64))) + "…"
    }

    static func controlCharacterMessage(multiline: Bool) -> String {
        multiline ? "must not contain control characters (line breaks and tabs are allowed)" : "must not contain control characters or line breaks"
    }

    /// C0 controls (line feed and tab allowed in multiline text), DEL, C1 controls (U+0080–U+009F,
    /// which some terminals read as escape sequences), the bidirectional embeddings, overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069, which can reverse how a report line reads) and,
    /// outside multiline text, the Unicode line and paragraph separators. Read on the UTF-8 bytes
    /// of valid text: C1 controls are C2 80–C2 9F, the separators E2 80 A8/A9, the bidi controls
    /// E2 80 AA–AE and E2 81 A6–A9; a lead byte (C2, E2) is never a continuation byte.
    static func hasControlCharacter(_ utf8: String.UTF8View, multiline: Bool) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for b in utf8 {
            if b < 0x20 {
                if !(multiline && (b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t"))) { return true }
            } else if b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) {
                return true
            } else if beforePrevious == 0xE2, previous == 0x80, b >= 0xAA && b <= 0xAE {
                return true
            } else if beforePrevious == 0xE2, previous == 0x81, b >= 0xA6 && b <= 0xA9 {
                return true
            } else if !multiline, beforePrevious == 0xE2, previous == 0x80, b == 0xA8 || b == 0xA9 {
                return true
            }
            beforePrevious = previous
            previous = b
        }
        return false
    }

    mutating func code<E: CodedValue>(_ r: ObjectReader, _ key: StaticString, _ type: E.Type, required: Bool = false) -> E? {
        guard let value = r[key] else {
            if required { fail(r.child("\(key)"), "is required; one of: \(E.allowedCodes)") }
            return nil
        }
        return code(value, r.child("\(key)"), type)
    }

    mutating func code<E: CodedValue>(_ value: JSONIndex, _ path: @autoclosure () -> String, _ type: E.Type) -> E? {
        // An ASCII string equals a code exactly when its bytes do: no String needed.
        if let bytes = view.asciiBytes(value) {
            for e in E.allCases {
                var raw = e.rawValue
                if raw.utf8.count == bytes.count, raw.withUTF8({ Validator.same($0, bytes) }) { return e }
            }
        }
        guard let s = stringValue(value) else {
            fail(path(), "must be a string code, one of: \(E.allowedCodes) (got \(typeName(value)))")
            return nil
        }
        guard let e = E(rawValue: s) else {
            fail(path(), "must be one of: \(E.allowedCodes) (got \"\(s)\")")
            return nil
        }
        return e
    }

    mutating func codeList<E: CodedValue>(_ r: ObjectReader, _ key: StaticString, _ type: E.Type) -> [E] {
        guard let value = r[key] else { return [] }
        guard kind(value) == .array else {
            fail(r.child("\(key)"), "must be an array of codes, each one of: \(E.allowedCodes) (got \(typeName(value)))")
            return []
        }
        var result: [E] = []
        let end = view[value].start
        var item = value + 1, i = 0
        while item < end {
            defer { item = view.next(item); i += 1 }
            guard let e = code(item, "\(r.child("\(key)"))[\(i)]", type) else { continue }
            if result.contains(e) {
                fail("\(r.child("\(key)"))[\(i)]", "\"\(e.rawValue)\" is listed twice")
                continue
            }
            result.append(e)
        }
        return result
    }

    mutating func int(_ r: ObjectReader, _ key: StaticString, _ range: ClosedRange<Int>, required: Bool = false, unit: String = "") -> Int? {
        guard let value = r[key] else {
            if required { fail(r.child("\(key)"), "is required") }
            return nil
        }
        guard kind(value) == .number else {
            fail(r.child("\(key)"), "must be a whole number from \(range.lowerBound) to \(range.upperBound)\(unit) (got \(typeName(value)))")
            return nil
        }
        let n = view.number(value), isInteger = view[value].flag
        guard isInteger, n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            fail(r.child("\(key)"), "must be a whole number from \(range.lowerBound) to \(range.upperBound)\(unit) (got \(formatNumber(n)))")
            return nil
        }
        return Int(n)
    }

    mutating func double(_ r: ObjectReader, _ key: StaticString, required: Bool = false) -> Double? {
        guard let value = r[key] else {
            if required { fail(r.child("\(key)"), "is required") }
            return nil
        }
        guard kind(value) == .number else {
            fail(r.child("\(key)"), "must be a number (got \(typeName(value)))")
            return nil
        }
        return view.number(value)
    }

    mutating func bool(_ r: ObjectReader, _ key: StaticString, required: Bool = false) -> Bool? {
        guard let value = r[key] else {
            if required { fail(r.child("\(key)"), "is required (true or false)") }
            return nil
        }
        switch kind(value) {
        case .true: return true
        case .false: return false
        default:
            fail(r.child("\(key)"), "must be true or false (got \(typeName(value)))")
            return nil
        }
    }

    mutating func date(_ r: ObjectReader, _ key: StaticString) -> CalendarDate? {
        guard let value = r[key] else { return nil }
        guard let d = isoDate(value) else {
            fail(r.child("\(key)"), "must be a calendar date YYYY-MM-DD (e.g. 2026-03-01)")
            return nil
        }
        return d
    }

    /// `CalendarDate(iso:)` of the string at `i`, read from the bytes when they are the string's.
    func isoDate(_ i: JSONIndex) -> CalendarDate? {
        guard kind(i) == .string else { return nil }
        guard let u = view.asciiBytes(i) else { return CalendarDate(iso: view.string(i)) }
        return CalendarDate(isoBytes: u)
    }

    /// `VertebralLevel(code:)` of the string at `i`, read from the bytes when they are the string's.
    func levelCode(_ i: JSONIndex) -> VertebralLevel? {
        guard kind(i) == .string else { return nil }
        guard let u = view.asciiBytes(i) else { return VertebralLevel(code: view.string(i)) }
        // The codes are C1…C7, T1…T12, L1…L5, S1…S5: a region letter and a number without a leading zero.
        guard u.count == 2 || u.count == 3 else { return nil }
        let base: Int, last: Int
        switch u[0] {
        case UInt8(ascii: "C"): base = VertebralLevel.c1.rawValue; last = 7
        case UInt8(ascii: "T"): base = VertebralLevel.t1.rawValue; last = 12
        case UInt8(ascii: "L"): base = VertebralLevel.l1.rawValue; last = 5
        case UInt8(ascii: "S"): base = VertebralLevel.s1.rawValue; last = 5
        default: return nil
        }
        guard u[1] >= UInt8(ascii: "1"), u[1] <= UInt8(ascii: "9") else { return nil }
        var n = Int(u[1] - 48)
        if u.count == 3 {
            guard u[2] >= UInt8(ascii: "0"), u[2] <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(u[2] - 48)
        }
        guard n <= last else { return nil }
        return VertebralLevel(rawValue: base + n - 1)
    }

    /// False when the first character is plainly not whitespace (an ASCII byte other than
    /// tab…carriage return and space: `Character.isWhitespace` looks at the first scalar).
    @inline(__always) static func mayBeAllWhitespace(_ s: String) -> Bool {
        guard let b = s.utf8.first, b < 0x80 else { return true }
        return b == 0x20 || (0x09...0x0D).contains(b)
    }

    @inline(__always) static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }

    func formatNumber(_ n: Double) -> String {
        n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }

    // MARK: the document

    mutating func readCase(_ json: JSONIndex, today: CalendarDate) -> Case? {
        guard let root = object(json, "", allowed: [
            "schemaVersion", "patient", "assessedOn", "primaryTumor", "spine", "otherMetastases", "neurology",
            "performance", "labs", "systemic", "comorbidities", "social", "preferences", "symptoms",
        ]) else {
            if errors.isEmpty { fail("", "the case document must be a JSON object") }
            return nil
        }
        if let version = int(root, "schemaVersion", 1...1_000_000, required: true), version != CaseDocument.schemaVersion {
            fail("schemaVersion", "must be \(CaseDocument.schemaVersion) (this is case document version 1; got \(version))")
        }
        let assessedOn = date(root, "assessedOn")
        if let a = assessedOn, a > CaseDocument.Limits.latestAssessedOn {
            fail("assessedOn", "must be on or before \(CaseDocument.Limits.latestAssessedOn) (deadlines are counted from it)")
        }
        let referenceDate = assessedOn ?? today
        let patient = readPatient(root, referenceDate: referenceDate)
        let primary = readPrimaryTumor(root, patient: patient, referenceDate: referenceDate)
        let spine = readSpine(root, birthDate: patient?.birthDate, referenceDate: referenceDate)
        let other = readOtherMetastases(root)
        let neurology = readNeurology(root)
        let performance = readPerformance(root)
        let labs = readLabs(root)
        let systemic = readSystemic(root)
        let comorbidities = codeList(root, "comorbidities", Comorbidity.self)
        let social = readSocial(root)
        let preferences = readPreferences(root)
        let symptoms = readSymptoms(root)

        guard errors.isEmpty, let patient, let primary, let spine else { return nil }
        var c = Case(patient: patient, primaryTumor: primary, spine: spine)
        c.assessedOn = assessedOn
        c.otherMetastases = other
        c.neurology = neurology
        c.performance = performance
        c.labs = labs
        c.systemic = systemic
        c.comorbidities = comorbidities
        c.social = social
        c.preferences = preferences
        c.symptoms = symptoms
        return c
    }

    mutating func readPatient(_ root: ObjectReader, referenceDate: CalendarDate) -> Patient? {
        guard let r = object(root["patient"], "patient", allowed: ["id", "name", "birthDate", "sex"], required: true) else {
            return nil
        }
        let id = string(r, "id", required: true, maxLength: CaseDocument.Limits.idLength)
        if let id, Validator.mayBeAllWhitespace(id), id.allSatisfy({ $0.isWhitespace }) { fail("patient.id", "must not be empty") }
        var p = Patient(id: id ?? "")
        p.name = string(r, "name", maxLength: CaseDocument.Limits.nameLength)
        p.birthDate = date(r, "birthDate")
        if let birth = p.birthDate {
            if birth > referenceDate {
                fail("patient.birthDate", "must not be after the assessment date \(referenceDate)")
            } else if birth.wholeYears(until: referenceDate) > CaseDocument.Limits.maxAgeYears {
                fail("patient.birthDate", "gives an age over \(CaseDocument.Limits.maxAgeYears) years")
            }
        }
        p.sex = code(r, "sex", Sex.self)
        return id == nil ? nil : p
    }

    mutating func readPrimaryTumor(_ root: ObjectReader, patient: Patient?, referenceDate: CalendarDate) -> PrimaryTumor? {
        guard let r = object(root["primaryTumor"], "primaryTumor", allowed: [
            "histology", "detail", "diagnosedOn", "monthsFromDiagnosisToSpinalMetastasis", "radiosensitivity",
            "tomitaGrowth", "status",
        ], required: true) else { return nil }
        var histology: String?
        if let value = r["histology"] {
            if let s = stringValue(value), HistologyCatalogue.entry(s) != nil {
                histology = s
            } else if let s = stringValue(value) {
                fail("primaryTumor.histology", "must be one of: \(HistologyCatalogue.allowedCodes) (got \"\(s)\")")
            } else {
                fail("primaryTumor.histology", "must be a histology code string (got \(typeName(value)))")
            }
        } else {
            fail("primaryTumor.histology", "is required; one of: \(HistologyCatalogue.allowedCodes)")
        }
        var t = PrimaryTumor(histology: histology ?? "other")
        t.detail = string(r, "detail", maxLength: CaseDocument.Limits.detailLength, multiline: true)
        t.diagnosedOn = date(r, "diagnosedOn")
        if let d = t.diagnosedOn {
            if d > referenceDate { fail("primaryTumor.diagnosedOn", "must not be after the assessment date \(referenceDate)") }
            if let birth = patient?.birthDate, d < birth { fail("primaryTumor.diagnosedOn", "must not be before patient.birthDate") }
        }
        t.monthsFromDiagnosisToSpinalMetastasis = int(r, "monthsFromDiagnosisToSpinalMetastasis",
                                                      CaseDocument.Limits.monthsFromDiagnosis, unit: " months")
        if let months = t.monthsFromDiagnosisToSpinalMetastasis, let d = t.diagnosedOn, d <= referenceDate,
           months > d.wholeMonths(until: referenceDate) {
            fail("primaryTumor.monthsFromDiagnosisToSpinalMetastasis",
                 "is \(months) months, longer than the \(d.wholeMonths(until: referenceDate)) months from diagnosedOn to the assessment date")
        } else if let months = t.monthsFromDiagnosisToSpinalMetastasis, t.diagnosedOn == nil, let birth = patient?.birthDate,
                  birth <= referenceDate, months > birth.wholeMonths(until: referenceDate) {
            fail("primaryTumor.monthsFromDiagnosisToSpinalMetastasis",
                 "is \(months) months, longer than the patient's age (\(birth.wholeMonths(until: referenceDate)) months at the assessment date)")
        }
        t.radiosensitivity = code(r, "radiosensitivity", Radiosensitivity.self)
        t.tomitaGrowth = code(r, "tomitaGrowth", TomitaGrowth.self)
        t.status = code(r, "status", TumorStatus.self)
        return histology == nil ? nil : t
    }

    mutating func level(_ value: JSONIndex, _ path: @autoclosure () -> String) -> VertebralLevel? {
        guard let level = levelCode(value) else {
            let got: String
            if let s = stringValue(value) { got = "\"\(s)\"" } else { got = typeName(value) }
            fail(path(), "must be a vertebral level C1…C7, T1…T12, L1…L5 or S1…S5 (got \(got))")
            return nil
        }
        return level
    }

    mutating func levels(_ r: ObjectReader, _ key: StaticString) -> [VertebralLevel]? {
        guard let value = r[key] else {
            fail(r.child("\(key)"), "is required: at least one vertebral level (C1…S5)")
            return nil
        }
        guard kind(value) == .array else {
            fail(r.child("\(key)"), "must be an array of vertebral levels (got \(typeName(value)))")
            return nil
        }
        let isEmpty = view[value].count == 0
        if isEmpty { fail(r.child("\(key)"), "must list at least one vertebral level") }
        var result: [VertebralLevel] = []
        result.reserveCapacity(Int(view[value].count))
        var ok = !isEmpty
        let end = view[value].start
        var item = value + 1, i = 0
        while item < end {
            defer { item = view.next(item); i += 1 }
            guard let l = level(item, "\(r.child("\(key)"))[\(i)]") else { ok = false; continue }
            if result.contains(l) {
                fail("\(r.child("\(key)"))[\(i)]", "\(l.code) is listed twice")
                ok = false
                continue
            }
            result.append(l)
        }
        return ok ? result : nil
    }

    mutating func readSpine(_ root: ObjectReader, birthDate: CalendarDate?, referenceDate: CalendarDate) -> Spine? {
        guard let r = object(root["spine"], "spine", allowed: ["involvedLevels", "lesions"], required: true) else { return nil }
        let involved = levels(r, "involvedLevels")
        guard let lesionsValue = r["lesions"] else {
            fail("spine.lesions", "is required: at least one lesion")
            return nil
        }
        guard kind(lesionsValue) == .array else {
            fail("spine.lesions", "must be an array of lesions (got \(typeName(lesionsValue)))")
            return nil
        }
        let itemCount = Int(view[lesionsValue].count)
        if itemCount == 0 { fail("spine.lesions", "must contain at least one lesion") }
        var lesions: [SpinalLesion] = []
        lesions.reserveCapacity(itemCount)
        // The lesion that first named each level (by raw value), or -1.
        var owner = [Int](repeating: -1, count: VertebralLevel.allCases.count)
        let end = view[lesionsValue].start
        var item = lesionsValue + 1, i = 0
        while item < end {
            defer { item = view.next(item); i += 1 }
            let lesionPath = FieldPath("spine.lesions", index: i)
            guard let lr = object(item, lesionPath, allowed: [
                "levels", "pain", "boneLesion", "alignment", "collapse", "posterolateral", "escc", "bonyRetropulsion",
                "priorRadiation",
            ], required: true) else { continue }
            let lesionLevels = levels(lr, "levels")
            if let lesionLevels {
                let sorted = lesionLevels.sorted()
                if let first = sorted.first, let last = sorted.last, last.rawValue - first.rawValue != sorted.count - 1 {
                    fail("\(lesionPath.text).levels", "must be contiguous vertebrae (got \(sorted.map(\.code).joined(separator: ", "))); record separate lesions separately")
                }
                for (j, l) in lesionLevels.enumerated() {
                    if let involved, !involved.contains(l) {
                        fail("\(lesionPath.text).levels[\(j)]", "\(l.code) is not in spine.involvedLevels")
                    }
                    if owner[l.rawValue] >= 0 {
                        fail("\(lesionPath.text).levels[\(j)]", "\(l.code) already belongs to spine.lesions[\(owner[l.rawValue])]")
                    } else {
                        owner[l.rawValue] = i
                    }
                }
            }
            var lesion = SpinalLesion(levels: lesionLevels ?? [])
            lesion.pain = code(lr, "pain", LesionPain.self)
            lesion.boneLesion = code(lr, "boneLesion", BoneLesionType.self)
            lesion.alignment = code(lr, "alignment", SpinalAlignment.self)
            lesion.collapse = code(lr, "collapse", VertebralCollapse.self)
            lesion.posterolateral = code(lr, "posterolateral", PosterolateralInvolvement.self)
            lesion.escc = code(lr, "escc", EpiduralCompressionGrade.self)
            lesion.bonyRetropulsion = bool(lr, "bonyRetropulsion")
            // C1 has no vertebral body (SpineBoard decision 7): a collapse cannot be recorded there.
            if lesionLevels == [.c1], let collapse = lesion.collapse, collapse != .none {
                fail("\(lesionPath.text).collapse", "C1 has no vertebral body: collapse must be \"none\" (score arch or lateral-mass disease as posterolateral involvement)")
            }
            if let prValue = lr["priorRadiation"], let pr = object(prValue, FieldPath("spine.lesions", index: i, suffix: ".priorRadiation"), allowed: ["doseGy", "fractions", "on"]) {
                let dose = double(pr, "doseGy", required: true)
                let fractions = int(pr, "fractions", CaseDocument.Limits.priorFractions, required: true)
                let on = date(pr, "on")
                let range = CaseDocument.Limits.priorDoseGy
                if let dose, !range.contains(dose) {
                    fail("\(lesionPath.text).priorRadiation.doseGy", "must be a total dose from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)) Gy (got \(formatNumber(dose)))")
                } else if let dose, let fractions, dose / Double(fractions) > CaseDocument.Limits.maxDosePerFractionGy {
                    fail("\(lesionPath.text).priorRadiation.doseGy", "gives more than \(formatNumber(CaseDocument.Limits.maxDosePerFractionGy)) Gy per fraction; check doseGy (total) and fractions")
                }
                if let on, on > referenceDate {
                    fail("\(lesionPath.text).priorRadiation.on", "must not be after the assessment date \(referenceDate)")
                }
                if let on, let birthDate, on < birthDate {
                    fail("\(lesionPath.text).priorRadiation.on", "must not be before patient.birthDate")
                }
                if let dose, let fractions { lesion.priorRadiation = PriorRadiation(doseGy: dose, fractions: fractions, on: on) }
            }
            lesions.append(lesion)
        }
        guard let involved, !lesions.isEmpty, lesions.count == itemCount else { return nil }
        return Spine(involvedLevels: involved, lesions: lesions)
    }

    mutating func readOtherMetastases(_ root: ObjectReader) -> OtherMetastases {
        var o = OtherMetastases()
        guard let r = object(root["otherMetastases"], "otherMetastases", allowed: ["extraspinalBoneCount", "visceral"]) else {
            return o
        }
        o.extraspinalBoneCount = int(r, "extraspinalBoneCount", CaseDocument.Limits.extraspinalBoneCount)
        guard let v = object(r["visceral"], "otherMetastases.visceral",
                             allowed: ["present", "sites", "surgicallyRemovable", "treatable"]) else { return o }
        o.visceral.present = bool(v, "present")
        o.visceral.sites = codeList(v, "sites", VisceralSite.self)
        o.visceral.surgicallyRemovable = bool(v, "surgicallyRemovable")
        o.visceral.treatable = bool(v, "treatable")
        let base = "otherMetastases.visceral"
        if o.visceral.present == true {
            let sitesAlreadyReported = errors.contains { $0.path.hasPrefix("\(base).sites") }
            if o.visceral.sites.isEmpty, !sitesAlreadyReported {
                fail("\(base).sites", "must list at least one site when present is true; one of: \(VisceralSite.allowedCodes)")
            }
            if o.visceral.surgicallyRemovable == nil {
                fail("\(base).surgicallyRemovable", "is required when present is true (Tokuhashi: surgically removable?)")
            }
            if o.visceral.treatable == nil {
                fail("\(base).treatable", "is required when present is true (Tomita: treatable by any therapy?)")
            }
        } else if !errors.contains(where: { $0.path == "\(base).present" }) {
            // (An invalid `present` is reported once; its dependants are not judged against it.)
            let why = o.visceral.present == false ? "present is false" : "present is not given"
            if !o.visceral.sites.isEmpty { fail("\(base).sites", "must be empty when \(why)") }
            if o.visceral.surgicallyRemovable != nil { fail("\(base).surgicallyRemovable", "must be null when \(why)") }
            if o.visceral.treatable != nil { fail("\(base).treatable", "must be null when \(why)") }
        }
        return o
    }

    mutating func readNeurology(_ root: ObjectReader) -> Neurology {
        var n = Neurology()
        guard let r = object(root["neurology"], "neurology", allowed: [
            "frankel", "asia", "ambulation", "deficit", "motorDeficitDays", "hoursSinceLossOfAmbulation",
            "bladderBowelDysfunction",
        ]) else { return n }
        n.frankel = code(r, "frankel", NeurologicalGrade.self)
        n.asia = code(r, "asia", NeurologicalGrade.self)
        n.ambulation = code(r, "ambulation", Ambulation.self)
        n.deficit = code(r, "deficit", NeurologicalDeficit.self)
        n.motorDeficitDays = int(r, "motorDeficitDays", CaseDocument.Limits.motorDeficitDays, unit: " days")
        n.hoursSinceLossOfAmbulation = int(r, "hoursSinceLossOfAmbulation", CaseDocument.Limits.hoursSinceLossOfAmbulation, unit: " hours")
        n.bladderBowelDysfunction = bool(r, "bladderBowelDysfunction")

        if n.deficit == .myelopathy || n.deficit == .caudaEquina, n.motorDeficitDays == nil, r["motorDeficitDays"] == nil {
            fail("neurology.motorDeficitDays", "is required when deficit is \(n.deficit!.rawValue): days since the motor deficit began")
        }
        if n.motorDeficitDays != nil {
            if n.deficit == NeurologicalDeficit.none {
                fail("neurology.motorDeficitDays", "must be null when deficit is none (no motor deficit)")
            } else if n.deficit == nil, r["deficit"] == nil {
                fail("neurology.deficit", "is required when motorDeficitDays is given; one of: \(NeurologicalDeficit.allowedCodes)")
            }
        }
        if n.hoursSinceLossOfAmbulation != nil, let a = n.ambulation, a != .nonAmbulatory {
            fail("neurology.hoursSinceLossOfAmbulation", "must be null unless ambulation is nonAmbulatory (got ambulation \(a.rawValue))")
        }
        for (member, message) in NeurologyConsistency.contradictions(frankel: n.frankel, asia: n.asia, ambulation: n.ambulation) {
            fail("neurology.\(member)", message)
        }
        // A Frankel/ASIA grade below E records a motor or sensory deficit; "none" would hide it from triage.
        if n.deficit == NeurologicalDeficit.none {
            if let f = n.frankel, f != .e {
                fail("neurology.deficit", "is none but frankel is \(f.rawValue), which records a deficit; give radiculopathy, myelopathy or caudaEquina")
            } else if n.frankel == nil, let a = n.asia, a != .e {
                fail("neurology.deficit", "is none but asia is \(a.rawValue), which records a deficit; give radiculopathy, myelopathy or caudaEquina")
            }
        }
        return n
    }

    mutating func readPerformance(_ root: ObjectReader) -> Performance {
        var p = Performance()
        guard let r = object(root["performance"], "performance", allowed: ["karnofsky", "ecog"]) else { return p }
        if let k = int(r, "karnofsky", CaseDocument.Limits.karnofsky) {
            if k % 10 != 0 {
                fail("performance.karnofsky", "must be given in steps of 10: 0, 10, 20 … 100 (got \(k))")
            } else {
                p.karnofsky = k
            }
        }
        p.ecog = int(r, "ecog", CaseDocument.Limits.ecog)
        // Published KPS↔ECOG mappings differ by about one grade (reference §9.3); more is a contradiction.
        if let k = p.karnofsky, let e = p.ecog, abs(PerformanceStatusScale.ecog(karnofsky: k) - e) > 1 {
            fail("performance.ecog", "ECOG \(e) contradicts Karnofsky \(k) (which maps to ECOG \(PerformanceStatusScale.ecog(karnofsky: k)) ± 1); check both")
        }
        return p
    }

    mutating func readLabs(_ root: ObjectReader) -> Labs {
        var l = Labs()
        guard let r = object(root["labs"], "labs", allowed: ["albumin"]),
              let a = object(r["albumin"], "labs.albumin", allowed: ["value", "unit"]) else { return l }
        let value = double(a, "value", required: true)
        let unit = code(a, "unit", AlbuminUnit.self, required: true)
        guard let value, let unit else { return l }
        let range = unit == .gramsPerDecilitre ? CaseDocument.Limits.albuminGramsPerDecilitre : CaseDocument.Limits.albuminGramsPerLitre
        guard range.contains(value) else {
            fail("labs.albumin.value", "must be from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)) \(unit.rawValue) (got \(formatNumber(value)) \(unit.rawValue)); check the unit")
            return l
        }
        l.albumin = Albumin(value: value, unit: unit)
        return l
    }

    mutating func readSystemic(_ root: ObjectReader) -> Systemic {
        var s = Systemic()
        guard let r = object(root["systemic"], "systemic", allowed: [
            "currentTreatment", "effectiveOptionsRemaining", "medicallyOperable", "clinicianSurvivalEstimateMonths",
        ]) else { return s }
        s.currentTreatment = codeList(r, "currentTreatment", SystemicTreatment.self)
        if s.currentTreatment.count > 1, s.currentTreatment.contains(.none) {
            fail("systemic.currentTreatment", "\"none\" cannot be combined with other treatments")
        }
        s.effectiveOptionsRemaining = bool(r, "effectiveOptionsRemaining")
        s.medicallyOperable = bool(r, "medicallyOperable")
        s.clinicianSurvivalEstimateMonths = int(r, "clinicianSurvivalEstimateMonths", CaseDocument.Limits.survivalMonths, unit: " months")
        return s
    }

    mutating func readSocial(_ root: ObjectReader) -> Social {
        var s = Social()
        guard let r = object(root["social"], "social", allowed: ["familySupport", "financialConstraints", "travelBurden"]) else {
            return s
        }
        s.familySupport = code(r, "familySupport", FamilySupport.self)
        s.financialConstraints = code(r, "financialConstraints", FinancialConstraints.self)
        s.travelBurden = code(r, "travelBurden", TravelBurden.self)
        return s
    }

    mutating func readPreferences(_ root: ObjectReader) -> Preferences {
        var p = Preferences()
        guard let r = object(root["preferences"], "preferences", allowed: ["priorities", "declines", "notes"]) else { return p }
        p.priorities = codeList(r, "priorities", PatientPriority.self)
        p.declines = codeList(r, "declines", TreatmentOption.self)
        p.notes = string(r, "notes", maxLength: CaseDocument.Limits.notesLength, multiline: true)
        return p
    }

    mutating func readSymptoms(_ root: ObjectReader) -> Symptoms {
        var s = Symptoms()
        guard let r = object(root["symptoms"], "symptoms", allowed: ["newBackPain", "painFeatures", "neuroSymptoms", "painScore"]) else {
            return s
        }
        s.newBackPain = bool(r, "newBackPain")
        s.painFeatures = codeList(r, "painFeatures", PainFeature.self)
        s.neuroSymptoms = codeList(r, "neuroSymptoms", NeuroSymptom.self)
        s.painScore = int(r, "painScore", CaseDocument.Limits.painScore)
        return s
    }
}
