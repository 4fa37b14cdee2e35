// The team's roles (DESIGN.md) and what each may do. Clinicians work with patient data; the
// administrator manages accounts, reads the audit log and may read (not change) every case, as
// the care-team rule allows (issue "The multidisciplinary team at work"). Which cases a
// clinician sees is decided per case by the care team (Team/CareTeam.swift).
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
        case .readPatients: true
        case .writeCases, .assess: self != .admin
        case .manageUsers, .readAudit: self == .admin
        }
    }
}

enum Permission: String, Sendable {
    case readPatients, writeCases, assess, manageUsers, readAudit
}
