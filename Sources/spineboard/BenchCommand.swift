// `spineboard bench`: throughput of the clinical core on one core, printed as numbers.
import ArgumentParser
import Foundation
import SpineCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure assess() calls/s and NDJSON end-to-end cases/s on one core.")

    @Option(name: .long, help: "A folder of example case documents (*.json) or an NDJSON file.")
    var cases = "Examples"

    @Option(name: .long, help: "Seconds per measurement.")
    var seconds: Double = 2

    @Option(name: .long, help: "Run only the measurements whose name contains this text (for profiling).")
    var only: String?

    @Option(name: .long, help: "Make a fixed number of calls per row instead of timing (for instruction counts under callgrind).")
    var calls: Int?

    func run() throws {
        let today = CalendarDate(iso: "2026-03-01")!
        let documents = try loadDocuments()
        let parsed = documents.compactMap { try? CaseDocument.decode($0, today: today).get() }
        guard !parsed.isEmpty else { throw CLIError("no valid case documents found in \(cases)") }
        let perRow = calls.map { "\($0) calls per row, timed as one batch" } ?? "\(seconds) s per row"
        print("SpineBoard bench — rules \(Rules.version); \(parsed.count) distinct cases from \(cases); \(perRow); one thread")
        if calls == nil {
            print("Each row times many short batches: the best batch, and the median batch (what a busy machine gives).")
        }
        print("measurement                                  best/s   median/s  µs each (median)  batches")

        report("assess() on a decoded case", measure { i in
            let a = assess(parsed[i % parsed.count], today: today)
            return a.options.count
        })
        report("decode + validate (case JSON → Case)", measure { i in
            (try? CaseDocument.decode(documents[i % documents.count], today: today).get())?.spine.lesions.count ?? 0
        })
        let assessments = parsed.map { assess($0, today: today) }
        report("encode assessment (SpineBoard writer)", measure { i in assessments[i % assessments.count].jsonBytes().count })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        report("encode assessment (Foundation JSONEncoder)", measure { i in
            (try? encoder.encode(assessments[i % assessments.count]))?.count ?? 0
        })

        // End to end: NDJSON in, NDJSON out, through the same code path as `assess --ndjson`.
        let endToEnd = "assess --ndjson end to end (decode→encode)"
        guard wanted(endToEnd) else { return }
        // Batches of 2,000 lines (about 0.1 s each): many per row, so that the median shows what the
        // machine gives under its other load and the best what the code can do.
        let lines = calls ?? 2_000
        var input: [UInt8] = []
        for i in 0..<lines { input += documents[i % documents.count].filter { $0 != 0x0A && $0 != 0x0D }; input.append(0x0A) }
        var times: [Double] = []
        var outputBytes = 0
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        repeat {
            var batch = BatchAssessor(today: today)
            outputBytes = 0
            let start = ContinuousClock.now
            batch.process(input) { outputBytes += $0.count }
            times.append(Self.seconds(ContinuousClock.now - start) / Double(lines))
        } while calls == nil && ContinuousClock.now < deadline
        report(endToEnd, Rates(perCall: times))
        print(String(format: "  (%d lines per batch, %.1f MiB in, %.1f MiB out)", lines,
                     Double(input.count) / 1_048_576, Double(outputBytes) / 1_048_576))
        print("targets: assess() ≥ 200,000/s; --ndjson end to end ≥ 25,000 cases/s")
    }

    func loadDocuments() throws -> [[UInt8]] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: cases, isDirectory: &isDir) else { throw CLIError("\(cases) not found") }
        if isDir.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: cases).filter { $0.hasSuffix(".json") }.sorted()
            return names.compactMap { FileManager.default.contents(atPath: cases + "/" + $0).map(Array.init) }
        }
        let data = try Input.read(cases)
        return data.split(separator: 0x0A).map(Array.init)
    }

    /// Runs `body` in batches of 1,000 calls for the configured time (or `calls` times, once);
    /// returns the time per call of each batch.
    func measure(_ body: (Int) -> Int) -> Rates {
        var sink = 0
        defer { if sink == 42 { print("") } }  // keeps the work observable
        if let calls {
            let start = ContinuousClock.now
            for i in 0..<calls { sink &+= body(i) }
            return Rates(perCall: [Self.seconds(ContinuousClock.now - start) / Double(max(calls, 1))])
        }
        for i in 0..<1000 { sink &+= body(i) }  // warm-up
        var times: [Double] = []
        var made = 0
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        repeat {
            let start = ContinuousClock.now
            for _ in 0..<1000 { sink &+= body(made); made += 1 }
            times.append(Self.seconds(ContinuousClock.now - start) / 1000)
        } while ContinuousClock.now < deadline
        return Rates(perCall: times)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Calls per second of the fastest and of the median batch.
    struct Rates {
        let best: Double, median: Double, medianMicroseconds: Double, batches: Int
        init(perCall: [Double]) {
            let sorted = perCall.sorted()
            best = 1 / sorted[0]
            let m = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            median = 1 / m
            medianMicroseconds = 1e6 * m
            batches = sorted.count
        }
    }

    func wanted(_ name: String) -> Bool { only.map { name.hasPrefix($0) } ?? true }

    func report(_ name: String, _ r: @autoclosure () -> Rates) {
        guard wanted(name) else { return }
        let r = r()
        print(name.padding(toLength: 42, withPad: " ", startingAt: 0)
              + String(format: "%10.0f %10.0f %12.2f %14d", r.best, r.median, r.medianMicroseconds, r.batches))
    }
}
