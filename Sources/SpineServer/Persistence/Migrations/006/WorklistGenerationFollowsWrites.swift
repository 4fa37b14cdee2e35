// Migration 006: one counter that every write to what a worklist shows moves forward, by trigger,
// in the writing transaction itself. A worklist page remembered together with the counter is still
// the page while the counter has not moved (WorklistCache): no code path can forget to invalidate
// it, and several server processes on one database see the same counter.
import Fluent
import SQLKit

struct WorklistGenerationFollowsWrites: AsyncMigration {
    static let table = "worklist_generation"
    /// Everything a worklist page reads: the cases and patients it lists, who may see them (care
    /// teams, meetings and their agendas) and the tasks of its overdue list.
    static let watched = [PatientModel.schema, CaseModel.schema, CareTeamMemberModel.schema, MeetingModel.schema,
                          MeetingAttendeeModel.schema, AgendaItemModel.schema, TaskModel.schema]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let t = Self.table
        try await sql.raw("CREATE TABLE \(ident: t) (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO \(ident: t) (id, generation) VALUES (1, 0)").run()
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION worklist_generation_bump() RETURNS trigger AS $$
                BEGIN
                  UPDATE \(unsafeRaw: t) SET generation = generation + 1 WHERE id = 1;
                  RETURN NULL;
                END $$ LANGUAGE plpgsql
                """).run()
            // Once per statement: a statement that writes many rows moves the counter once.
            for table in Self.watched {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: "worklist_generation_\(table)") AFTER INSERT OR UPDATE OR DELETE ON \(ident: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION worklist_generation_bump()
                    """).run()
            }
        } else {
            // SQLite triggers are per row; one per kind of write.
            for table in Self.watched {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: "worklist_generation_\(table)_\(event.lowercased())") AFTER \(unsafeRaw: event) ON \(ident: table)
                        BEGIN
                          UPDATE \(ident: t) SET generation = generation + 1 WHERE id = 1;
                        END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in Self.watched {
            if database.isPostgres {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: "worklist_generation_\(table)") ON \(ident: table)").run()
            } else {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: "worklist_generation_\(table)_\(event)")").run()
                }
            }
        }
        if database.isPostgres { try await sql.raw("DROP FUNCTION worklist_generation_bump()").run() }
        try await sql.raw("DROP TABLE \(ident: Self.table)").run()
    }
}
