// The team's roles (DESIGN.md) and what each may do. Clinicians work with patient data; the
// administrator manages accounts and reads the audit log but sees no clinical records.
public enum Role: String, CaseIterable, Codable, Sendable {
    case spineSurgeon = "spine-surgeon"
    case radiationOncologist = "radiation-oncologist"
    case medicalOncologist = "medical-oncologist"
    case diagnosticRadiologist = "diagnostic-radiologist"
    case interventionalRadiologist = "interventional-radiologist"
    case physiatrist
    case palliativeCare = "palliative-care"
    /// The coordinator of the team.
    case nurseNavigator = "nurse-navigator"
    case referringClinician = "referring-clinician"
    case admin

    public static var codes: String { allCases.map(\.rawValue).joined(separator: " | ") }

    func permits(_ permission: Permission) -> Bool {
        switch permission {
        case .readPatients, .writeCases, .assess: self != .admin
        case .manageUsers, .readAudit: self == .admin
        }
    }
}

enum Permission: String, Sendable {
    case readPatients, writeCases, assess, manageUsers, readAudit
}
