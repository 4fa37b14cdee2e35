// POST /assess: the assessment of a posted case, computed and returned without storing anything.
// Nothing stored is read or written, so nothing is audited; the path is kept to validate,
// assess() and the byte writer.
import SpineCore
import Vapor

struct AssessController: RouteCollection {
    let maxBody: ByteCount

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "assess", body: .collect(maxSize: maxBody), use: assess)
    }

    func assess(req: Request) async throws -> Response {
        _ = try await req.requireUser(.assess, action: "assess")
        let accepted = try AcceptedCase(try req.jsonBody(), today: req.spine.clock.today())
        return .json(accepted.assessmentJSON)
    }
}
