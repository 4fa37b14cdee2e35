// Migration 005: the audit chain's head row follows every appended event by a trigger, inside the
// INSERT itself. An append is then one statement (read the head, insert the events), so events
// written on their own need no explicit transaction on SQLite: the INSERT is atomic with its head
// update, and a writer that read a stale head collides on the unique sequence number and retries.
// That took three of the five statements out of every audited read's group commit.
import Fluent
import SQLKit

struct AuditHeadFollowsEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let events = AuditEventModel.schema, head = AuditChain.headTable
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION audit_head_follows() RETURNS trigger AS $$
                BEGIN
                  UPDATE \(unsafeRaw: head) SET last_seq = NEW.seq, last_hash = NEW.hash WHERE id = 1;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_head_follows AFTER INSERT ON \(ident: events)
                FOR EACH ROW EXECUTE FUNCTION audit_head_follows()
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER audit_head_follows AFTER INSERT ON \(ident: events)
                BEGIN
                  UPDATE \(ident: head) SET last_seq = NEW.seq, last_hash = NEW.hash WHERE id = 1;
                END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TRIGGER audit_head_follows\(unsafeRaw: database.isPostgres ? " ON \(AuditEventModel.schema)" : "")").run()
        if database.isPostgres { try await sql.raw("DROP FUNCTION audit_head_follows()").run() }
    }
}
