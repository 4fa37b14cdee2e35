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
        case sql(any SQLRow)
    }
    fileprivate let storage: Storage

    func string(_ column: String) throws -> String? {
        switch storage {
        case .sqlite(let row):
            switch row.column(column) {
            case .text(let s)?: return s
            case .null?: return nil
            case let other?: return other.string
            case nil: throw PlainRowError.missingColumn(column)
            }
        case .sql(let row): return try row.decode(column: column, as: String?.self)
        }
    }

    func requireString(_ column: String) throws -> String {
        guard let s = try string(column) else { throw PlainRowError.null(column) }
        return s
    }

    func int(_ column: String) throws -> Int {
        switch storage {
        case .sqlite(let row):
            guard let v = row.column(column)?.integer else { throw PlainRowError.null(column) }
            return Int(v)
        case .sql(let row): return try row.decode(column: column, as: Int.self)
        }
    }

    /// A UUID column as its canonical upper-case text (how Fluent stores it in SQLite).
    func uuidString(_ column: String) throws -> String {
        switch storage {
        case .sqlite: return try requireString(column)
        case .sql(let row): return try row.decode(column: column, as: UUID.self).uuidString
        }
    }

    /// A UUID column.
    func uuid(_ column: String) throws -> UUID {
        switch storage {
        case .sqlite:
            guard let id = UUID(uuidString: try requireString(column)) else { throw PlainRowError.null(column) }
            return id
        case .sql(let row): return try row.decode(column: column, as: UUID.self)
        }
    }

    /// A timestamp column (Fluent stores `Date` in SQLite as seconds since 1970).
    func date(_ column: String) throws -> Date {
        switch storage {
        case .sqlite(let row):
            guard let data = row.column(column), let d = Date(sqliteData: data) else { throw PlainRowError.null(column) }
            return d
        case .sql(let row): return try row.decode(column: column, as: Date.self)
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
        let (text, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        let values = try binds.map { try encoder.encode($0) }
        return try await lite.query(text, values).map { PlainRow(storage: .sqlite($0)) }
    }
}
