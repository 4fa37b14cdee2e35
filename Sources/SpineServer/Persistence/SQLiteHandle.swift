// What SpineBoard's own SQLite connections share (SQLiteReader, SQLiteAuditWriter): sqlite-nio's
// SQLite library, called directly, each connection used by one thread at a time.
import Foundation
import VaporCSQLite

enum SQLiteHandle {
    /// Opens the file read-write without SQLite's own mutex and runs `pragmas`; on any failure the
    /// connection is closed again and `error` says why.
    static func open(_ path: String, pragmas: [String], error: (String) -> any Error) throws -> OpaquePointer {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            throw error("cannot open the database")
        }
        for pragma in pragmas where sqlite_nio_sqlite3_exec(handle, pragma, nil, nil, nil) != SQLITE_OK {
            let text = message(handle)
            sqlite_nio_sqlite3_close_v2(handle)
            throw error(text)
        }
        return handle
    }

    /// The connection's last error.
    static func message(_ handle: OpaquePointer) -> String { String(cString: sqlite_nio_sqlite3_errmsg(handle)) }

    /// A statement kept for the connection's lifetime (finalised by its owner).
    static func prepare(_ sql: String, on handle: OpaquePointer, error: (String) -> any Error) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else { throw error(message(handle)) }
        return statement
    }

    /// Binds text, copied by SQLite; returns SQLite's result code.
    static func bind(_ text: String, at index: Int32, of statement: OpaquePointer) -> Int32 {
        sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
    }

    /// SQLITE_TRANSIENT: SQLite copies a bound value before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
