// Configuration from the environment: defaults, each DATABASE_URL form, and every problem listed at once.
import Foundation
import Testing
@testable import SpineServer

@Suite("Configuration")
struct ConfigurationTests {
    @Test func defaultsToTheSQLiteFileInData() throws {
        let config = try Configuration.fromEnvironment([:])
        #expect(config.database == .sqlite(path: "./data/spineboard.sqlite"))
        #expect(config.maxBodyBytes == 1 << 20)
        #expect(config.bcryptCost == 12)
        #expect(config.tokenLifetime == 12 * 3600)
    }

    @Test func readsEachDatabaseURLForm() throws {
        #expect(try Configuration.fromEnvironment(["DATABASE_URL": "sqlite:///var/lib/sb/db.sqlite"]).database == .sqlite(path: "/var/lib/sb/db.sqlite"))
        #expect(try Configuration.fromEnvironment(["DATABASE_URL": "postgres://u:p@localhost:5432/sb"]).database == .postgres(url: "postgres://u:p@localhost:5432/sb"))
        #expect(try Configuration.fromEnvironment(["DATABASE_URL": "postgresql://u@db/sb"]).database == .postgres(url: "postgresql://u@db/sb"))
        #expect(try Configuration.fromEnvironment(["DATABASE_URL": ""]).database == .sqlite(path: "./data/spineboard.sqlite"))
    }

    @Test func listsEveryProblemAndNeverThePassword() throws {
        let env = ["DATABASE_URL": "mysql://root:secret@db/x", "SPINEBOARD_BCRYPT_COST": "99", "LOG_LEVEL": "loud", "SPINEBOARD_MAX_BODY_KB": "lots",
                   "SPINEBOARD_WORKLIST_CACHE_ENTRIES": "-1"]
        let error = try #require(throws: Configuration.Problems.self) { try Configuration.fromEnvironment(env) }
        #expect(error.messages.count == 5)
        #expect(error.messages.contains { $0.hasPrefix("SPINEBOARD_WORKLIST_CACHE_ENTRIES") })
        #expect(!error.description.contains("secret"))
        #expect(throws: Configuration.Problems.self) { try Configuration.fromEnvironment(["DATABASE_URL": "postgres://host-only"]) }
        #expect(throws: Configuration.Problems.self) { try Configuration.fromEnvironment(["DATABASE_URL": "sqlite://"]) }
    }

    @Test func readsTheTunables() throws {
        let config = try Configuration.fromEnvironment(["SPINEBOARD_TOKEN_TTL_MINUTES": "30", "SPINEBOARD_BCRYPT_COST": "10",
                                                        "SPINEBOARD_LOGIN_ATTEMPTS": "3", "SPINEBOARD_LOGIN_WINDOW_MINUTES": "5",
                                                        "SPINEBOARD_MAX_BODY_KB": "256", "LOG_LEVEL": "debug",
                                                        "SPINEBOARD_WORKLIST_CACHE_ENTRIES": "0"])
        #expect(config.worklistCacheEntries == 0)
        #expect(try Configuration.fromEnvironment([:]).worklistCacheEntries == 512)
        #expect(config.tokenLifetime == 1800)
        #expect(config.bcryptCost == 10)
        #expect(config.loginAttemptLimit == 3)
        #expect(config.loginWindow == 300)
        #expect(config.maxBodyBytes == 256 * 1024)
        #expect(config.logLevel == .debug)
    }

    @Test func timestampsAreISO8601UTCWithMilliseconds() {
        #expect(ISOTimestamp.iso8601(Date(timeIntervalSince1970: 1_795_770_000.5)) == "2026-11-27T09:00:00.500Z")
        #expect(ISOTimestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISOTimestamp.iso8601(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }
}

@Suite("Response JSON builder")
struct JSONObjectBuilderTests {
    @Test func escapesStringsAndEmbedsRawJSONWithoutItsByteOrderMark() throws {
        var b = JSONObjectBuilder()
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{07} ünïcödé"
        b.string("s", tricky)
        b.int("n", -42)
        b.raw("raw", Array("\u{FEFF}{\"a\":[1,2]}".utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(b.finished())) as? [String: Any])
        #expect(object["s"] as? String == tricky)
        #expect(object["n"] as? Int == -42)
        #expect((object["raw"] as? [String: Any])?["a"] as? [Int] == [1, 2])
    }
}
