// Small indexed reads on SQLite (the token lookup behind every request, a case's latest version,
// the worklist's generation), run on the calling thread with statements prepared once.
// sqlite-nio runs every statement on its thread pool and prepares it anew each time: measured on
// GET /cases/{id}, parsing and planning SQL was a quarter of the request's CPU, and each hop to the
// pool and back is two context switches. These reads take microseconds on pages in memory, so
// running them in place costs an event loop less than handing them off.
// Only reads outside transactions come here: each statement is its own read transaction and, with
// WAL, sees every commit made before it started, by this process or any other (as the pool does).
import CSQLiteSettings
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor
import VaporCSQLite

final class SQLiteReader: @unchecked Sendable {
    /// One read connection and its prepared statements; used by one thread at a time.
    private final class Connection {
        let handle: OpaquePointer
        var statements: [String: (statement: OpaquePointer, columns: [String])] = [:]

        init(handle: OpaquePointer) { self.handle = handle }

        var message: String { SQLiteHandle.message(handle) }

        func prepared(_ sql: String) throws -> (statement: OpaquePointer, columns: [String]) {
            if let cached = statements[sql] { return cached }
            let statement = try SQLiteHandle.prepare(sql, on: handle, error: SQLiteReaderError.init)
            let columns = (0..<sqlite_nio_sqlite3_column_count(statement)).map {
                String(cString: sqlite_nio_sqlite3_column_name(statement, $0))
            }
            statements[sql] = (statement, columns)
            return (statement, columns)
        }

        func close() {
            for (statement, _) in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
            sqlite_nio_sqlite3_close_v2(handle)
        }
    }

    private let path: String
    private let idle = NIOLockedValueBox<[Connection]>([])
    /// Statements kept per connection; the reads that come here are a handful of fixed texts.
    private let maxStatements = 64

    init(path: String) { self.path = path }

    private func take() throws -> Connection {
        if let c = idle.withLockedValue({ $0.popLast() }) { return c }
        // Reads only, whatever a caller sends; wait rather than fail while a checkpoint runs.
        let c = Connection(handle: try SQLiteHandle.open(path, pragmas: ["PRAGMA query_only=1"], error: SQLiteReaderError.init))
        let handle = c.handle
        // Plans that do not depend on bound values: otherwise SQLite re-plans a prepared join at
        // every run with new values (measured: every token lookup and case read), which costs as
        // much as preparing it anew. The reads here are equality lookups on keys, whose plan is
        // the same for every value.
        guard sqlite_nio_sqlite3_busy_timeout(handle, 5000) == SQLITE_OK,
              spineboard_sqlite_enable_qpsg(UnsafeMutableRawPointer(handle)) == 1 else {
            let message = c.message
            c.close()
            throw SQLiteReaderError(message: message)
        }
        return c
    }

    private func give(_ c: Connection) {
        if c.statements.count > maxStatements {
            for (statement, _) in c.statements.values { sqlite_nio_sqlite3_finalize(statement) }
            c.statements.removeAll()
        }
        idle.withLockedValue { $0.append(c) }
    }

    /// Runs one SELECT (SQLKit's SQLite serialisation: `?` placeholders) and returns its rows.
    func rows(_ sql: String, _ binds: [SQLiteData]) throws -> [PlainRow] {
        let c = try take()
        defer { give(c) }
        let (statement, columns) = try c.prepared(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (i, bind) in binds.enumerated() {
            let index = Int32(i + 1)
            let ret: Int32
            switch bind {
            case .integer(let v): ret = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(v))
            case .float(let v): ret = sqlite_nio_sqlite3_bind_double(statement, index, v)
            case .text(let v): ret = SQLiteHandle.bind(v, at: index, of: statement)
            case .blob(let v):
                ret = v.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), SQLiteHandle.transient) }
            case .null: ret = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard ret == SQLITE_OK else { throw SQLiteReaderError(message: c.message) }
        }
        var rows: [PlainRow] = []
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw SQLiteReaderError(message: c.message) }
            var values: [SQLiteData] = []
            values.reserveCapacity(columns.count)
            for i in 0..<Int32(columns.count) {
                switch sqlite_nio_sqlite3_column_type(statement, i) {
                case SQLITE_INTEGER: values.append(.integer(Int(sqlite_nio_sqlite3_column_int64(statement, i))))
                case SQLITE_FLOAT: values.append(.float(sqlite_nio_sqlite3_column_double(statement, i)))
                case SQLITE_TEXT:
                    let n = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
                    let text = sqlite_nio_sqlite3_column_text(statement, i).map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
                    } ?? ""
                    values.append(.text(text))
                case SQLITE_BLOB:
                    let n = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
                    var buffer = ByteBufferAllocator().buffer(capacity: n)
                    if let p = sqlite_nio_sqlite3_column_blob(statement, i) { buffer.writeBytes(UnsafeRawBufferPointer(start: p, count: n)) }
                    values.append(.blob(buffer))
                default: values.append(.null)
                }
            }
            rows.append(PlainRow(names: columns, values: values))
        }
        return rows
    }

    /// How many times SQLite has re-planned the idle connections' prepared statements. A statement
    /// that SQLite must re-plan at every run (a bound value it would use for planning) costs as
    /// much as preparing it each time; tests keep this at zero for the reads that come here.
    func reprepareCount() -> Int {
        idle.withLockedValue { list in
            list.reduce(0) { sum, c in
                c.statements.values.reduce(sum) { sum, s in
                    sum + Int(sqlite_nio_sqlite3_stmt_status(s.statement, Int32(SQLITE_STMTSTATUS_REPREPARE), 0))
                }
            }
        }
    }

    /// Closes every idle connection (at shutdown).
    func close() {
        for c in idle.withLockedValue({ list in defer { list.removeAll() }; return list }) { c.close() }
    }

    /// Closes the reader's connections when the application shuts down.
    struct Closer: LifecycleHandler {
        let reader: SQLiteReader
        func shutdown(_ application: Application) { reader.close() }
        func shutdownAsync(_ application: Application) async { reader.close() }
    }
}

struct SQLiteReaderError: Error, CustomStringConvertible {
    var message: String
    var description: String { "SQLite read failed: \(message)" }
}
