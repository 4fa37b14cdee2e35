// GET /: a short page for someone who opened the server in a browser.
import SpineCore
import Vapor

enum LandingPage {
    static func response() -> Response {
        let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>SpineBoard</title></head>
        <body>
        <h1>SpineBoard</h1>
        <p>Decision support for the multidisciplinary care of metastatic spinal tumours. Rules version \(Rules.version).</p>
        <p><strong>Decision support only.</strong> \(Rules.disclaimer)</p>
        <ul>
        <li><a href="/openapi.json">OpenAPI 3.1 description of the JSON API</a> (everything under /api/v1)</li>
        <li><a href="/health">Health</a></li>
        </ul>
        <p>Sign in with <code>POST /api/v1/session</code> and send the token as <code>Authorization: Bearer …</code>.</p>
        </body></html>
        """
        return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: html))
    }
}
