// Migration 004: at most one active membership per person and case, as a database rule. The
// worklist counts a clinician's cases by counting their memberships (an index count instead of a
// care-team probe per stored case), which is right only while this holds. The application never
// writes a second one (`CareTeam.addMember` returns the existing row inside a serialised write);
// exact duplicates left by any earlier fault are folded first, keeping the oldest row.
import Fluent
import SQLKit

struct AddOneMembershipIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let t = CareTeamMemberModel.schema
        try await sql.raw("""
            DELETE FROM \(ident: t) WHERE status = \(bind: CareTeam.member) AND EXISTS (
              SELECT 1 FROM \(ident: t) older
              WHERE older.case_id = \(ident: t).case_id AND older.user_id = \(ident: t).user_id
                AND older.status = \(bind: CareTeam.member)
                AND (older.created_at < \(ident: t).created_at
                     OR (older.created_at = \(ident: t).created_at AND older.id < \(ident: t).id)))
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX care_team_one_membership_idx ON \(ident: t) (user_id, case_id) WHERE status = 'member'
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX care_team_one_membership_idx").run()
    }
}
