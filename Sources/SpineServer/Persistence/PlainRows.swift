// Rows for the busiest reads (the worklist page, the token lookup), read as plain values. On SQLite they come
// straight from sqlite-nio's column values; SQLKit's generic `decode(column:as:)` goes through a
// Decoder and dynamic casts for every column, which measured about 4 µs a column (a 50-row
// worklist page spent most of its time there). Elsewhere (PostgreSQL) SQLKit's decoder is used.
import FluentSQLiteDriver
import Foundation
import SQLKit

struct PlainRow: @unchecked Sendable {
    fileprivate enum Storage {
        case sqlite(SQLiteRow)
        /// From `SQLiteReader`: the statement's column names and this row's values.
        case direct(names: [String], values: [SQLiteData])
        case sql(any SQLRow)
    }
    fileprivate let storage: Storage

    fileprivate init(storage: Storage) { self.storage = storage }
    init(names: [String], values: [SQLiteData]) { storage = .direct(names: names, values: values) }

    /// A column's value: SQLite's own, or the row to decode it from elsewhere.
    private enum Cell {
        case lite(SQLiteData)
        case other(any SQLRow)
    }

    private func cell(_ column: String) throws -> Cell {
        switch storage {
        case .sqlite(let row):
            guard let value = row.column(column) else { throw PlainRowError.missingColumn(column) }
            return .lite(value)
        case .direct(let names, let values):
            guard let i = names.firstIndex(of: column) else { throw PlainRowError.missingColumn(column) }
            return .lite(values[i])
        case .sql(let row): return .other(row)
        }
    }

    func string(_ column: String) throws -> String? {
        switch try cell(column) {
        case .lite(.text(let s)): return s
        case .lite(.null): return nil
        case .lite(let other): return other.string
        case .other(let row): return try row.decode(column: column, as: String?.self)
        }
    }

    func requireString(_ column: String) throws -> String {
        guard let s = try string(column) else { throw PlainRowError.null(column) }
        return s
    }

    func int(_ column: String) throws -> Int {
        switch try cell(column) {
        case .lite(let value):
            guard let v = value.integer else { throw PlainRowError.null(column) }
            return Int(v)
        case .other(let row): return try row.decode(column: column, as: Int.self)
        }
    }

    /// A UUID column as its canonical upper-case text (how Fluent stores it in SQLite).
    func uuidString(_ column: String) throws -> String {
        switch try cell(column) {
        case .lite: return try requireString(column)
        case .other(let row): return try row.decode(column: column, as: UUID.self).uuidString
        }
    }

    /// A UUID column.
    func uuid(_ column: String) throws -> UUID {
        switch try cell(column) {
        case .lite:
            guard let id = UUID(uuidString: try requireString(column)) else { throw PlainRowError.null(column) }
            return id
        case .other(let row): return try row.decode(column: column, as: UUID.self)
        }
    }

    /// A timestamp column (Fluent stores `Date` in SQLite as seconds since 1970).
    func date(_ column: String) throws -> Date {
        switch try cell(column) {
        case .lite(let value):
            guard let d = Date(sqliteData: value) else { throw PlainRowError.null(column) }
            return d
        case .other(let row): return try row.decode(column: column, as: Date.self)
        }
    }

    /// A bytes column (Fluent stores `Data` in SQLite as a blob).
    func data(_ column: String) throws -> Data {
        switch try cell(column) {
        case .lite(.blob(let buffer)): return Data(buffer.readableBytesView)
        case .lite(.text(let s)): return Data(s.utf8)
        case .lite: throw PlainRowError.null(column)
        case .other(let row): return try row.decode(column: column, as: Data.self)
        }
    }
}

enum PlainRowError: Error, CustomStringConvertible {
    case missingColumn(String)
    case null(String)
    var description: String {
        switch self {
        case .missingColumn(let c): "column \(c) is not in the result"
        case .null(let c): "column \(c) is unexpectedly null"
        }
    }
}

extension SQLDatabase {
    /// Runs a small indexed read through `reader` when there is one (SQLite; see SQLiteReader),
    /// else as `plainRows`.
    func plainRows(_ query: SQLQueryString, reader: SQLiteReader?) async throws -> [PlainRow] {
        guard let reader else { return try await plainRows(query) }
        let (text, values) = try sqliteStatement(query)
        return try reader.rows(text, values)
    }

    /// Runs the SELECT and returns its rows for plain reading (see `PlainRow`).
    func plainRows(_ select: SQLSelectBuilder) async throws -> [PlainRow] {
        if let rows = try await sqliteRows(select.query) { return rows }
        return try await select.all().map { PlainRow(storage: .sql($0)) }
    }

    /// Runs a raw query and returns its rows for plain reading (see `PlainRow`).
    func plainRows(_ query: SQLQueryString) async throws -> [PlainRow] {
        if let rows = try await sqliteRows(query) { return rows }
        return try await raw(query).all().map { PlainRow(storage: .sql($0)) }
    }

    /// On SQLite, the rows straight from sqlite-nio; nil on other databases.
    private func sqliteRows(_ query: any SQLExpression) async throws -> [PlainRow]? {
        guard let lite = self as? any SQLiteDatabase else { return nil }
        let (text, values) = try sqliteStatement(query)
        return try await lite.query(text, values).map { PlainRow(storage: .sqlite($0)) }
    }

    /// The query's SQL text and its bound values as SQLite stores them.
    private func sqliteStatement(_ query: any SQLExpression) throws -> (String, [SQLiteData]) {
        let (text, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        return (text, try binds.map { try encoder.encode($0) })
    }
}
