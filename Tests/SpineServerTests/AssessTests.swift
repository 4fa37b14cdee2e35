// POST /assess: the core's assessment of a posted case, nothing stored.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Assess without storing")
struct AssessTests {
    @Test func returnsExactlyTheCoresAssessmentAndStoresNothing() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v06", record: "MRN-A")
            // MUT
            let res = try await t.send(.POST, "/api/v1/assess", token: tokens[.referringClinician], json: doc)
            // validation
            #expect(res.status == .ok)
            #expect(res.contentType.hasPrefix("application/json"))
            let today = t.app.spine.clock.today()
            let expected = assess(try CaseDocument.decode(Array(doc.utf8), today: today).get(), today: today)
            #expect(Array(res.body.readableBytesView) == expected.jsonBytes())
            #expect(try await PatientModel.query(on: t.app.db).count() == 0)
            #expect(try await CaseModel.query(on: t.app.db).count() == 0)
        }
    }

    @Test func theJSONMediaTypeIsRecognisedOnItsBytesAndParsedOtherwise() {
        for ok in ["application/json", "Application/JSON; charset=utf-8", "application/json;charset=utf-8", "application/json "] {
            #expect(Request.isPlainJSON(ok), "\(ok)")
        }
        for no in [nil, "", "application/js", "application/jsonx", "text/json", "application/x-www-form-urlencoded"] {
            #expect(!Request.isPlainJSON(no), "\(no ?? "nil")")
        }
        #expect(Request.isJSON(HTTPMediaType(type: "application", subType: "fhir+json")))
        #expect(!Request.isJSON(HTTPMediaType(type: "text", subType: "plain")))
    }

    @Test func badBodies() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.spineSurgeon]
            let invalid = try await t.send(.POST, "/api/v1/assess", token: token,
                                           json: Fixtures.edit(Fixtures.caseJSON(record: "X"), #""histology": "breast""#, #""histology": "brest""#))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.errorPaths == ["primaryTumor.histology"])
            #expect(try await t.status(.POST, "/api/v1/assess", token: token, json: "[1,2") == .badRequest)
            #expect(try await t.status(.POST, "/api/v1/assess", token: token, json: "{}", contentType: "application/x-www-form-urlencoded") == .unsupportedMediaType)
            #expect(try await t.status(.POST, "/api/v1/assess", token: token, json: String(repeating: "[", count: 70_000)) == .payloadTooLarge)
            // Deep nesting or junk is a 4xx, never a 500.
            #expect(try await t.status(.POST, "/api/v1/assess", token: token, json: String(repeating: "[", count: 5000)) == .badRequest)
            #expect(try await t.status(.POST, "/api/v1/assess", token: token, json: "\u{FEFF}") == .badRequest)
        }
    }

    @Test func acceptsJSONMediaTypeVariants() async throws {
        try await withSpineApp { (t, tokens) async throws in
            for type in ["application/json; charset=utf-8", "application/vnd.spineboard.case+json", "APPLICATION/JSON"] {
                #expect(try await t.status(.POST, "/api/v1/assess", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "X"), contentType: type) == .ok, "\(type)")
            }
        }
    }
}
