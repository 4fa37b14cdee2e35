// The `spineboard` command line: a thin adapter around SpineCore.
import ArgumentParser
import Foundation
import SpineCore

@main
struct SpineBoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spineboard",
        abstract: "SpineBoard: decision support for metastatic spinal tumours (not a substitute for clinical judgment).",
        subcommands: [AssessCommand.self, BenchCommand.self, ExplainCommand.self,
                      ServeCommand.self, DemoCommand.self, MigrateCommand.self, UserCommand.self, AuditCommand.self])
}

/// Today's date in the local time zone, or `--today` for reproducible runs.
struct TodayOption: ParsableArguments {
    @Option(name: .long, help: "Date that stands in for a missing assessedOn (YYYY-MM-DD); default: today.")
    var today: String?

    func date() throws -> CalendarDate {
        if let today {
            guard let d = CalendarDate(iso: today) else { throw ValidationError("--today must be a date YYYY-MM-DD (got \(today))") }
            return d
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

enum Input {
    /// Reads a file, or standard input for `-`.
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)")
        }
        return Array(data)
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

func writeStdout(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer(writeStdout)
}

/// The errno of the first failed write to standard output (a full disk, a closed pipe), or 0.
/// Later writes are skipped, and `finishStdout()` turns it into exit status 1: output that was
/// lost must not look like success.
nonisolated(unsafe) var stdoutWriteError: Int32 = 0

func writeStdout(_ buf: UnsafeBufferPointer<UInt8>) {
    guard stdoutWriteError == 0, let base = buf.baseAddress else { return }
    var offset = 0
    while offset < buf.count {
        let n = write(1, base + offset, buf.count - offset)
        if n < 0, errno == EINTR { continue }
        if n <= 0 {
            stdoutWriteError = n < 0 ? errno : EIO
            return
        }
        offset += n
    }
}

func finishStdout() throws {
    guard stdoutWriteError != 0 else { return }
    writeStderr("spineboard: could not write the output: \(String(cString: strerror(stdoutWriteError)))")
    throw ExitCode(1)
}

func writeStderr(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess a case document (case-format.md v1): every score, NOMS, urgency, ranked options.",
        discussion: """
        Reads FILE (or - for standard input). Invalid documents exit with status 2 and every error on stderr.
        With --ndjson, each input line is one case and each output line its JSON assessment (or {"error": …}), in order.
        """)

    @Argument(help: "A case document (JSON), or - for standard input.")
    var file: String

    @Option(name: .long, help: "Output format: text (the default) or json; --ndjson always writes JSON.")
    var format: Format?

    @Flag(name: .long, help: "One case per input line; one JSON result per output line.")
    var ndjson = false

    @OptionGroup var todayOption: TodayOption

    enum Format: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let today = try todayOption.date()
        let input: [UInt8]
        do { input = try Input.read(file) } catch {
            writeStderr("spineboard: \(error)")
            throw ExitCode(1)
        }
        if ndjson {
            // NDJSON output is JSON, one result per line: a text report cannot be asked for.
            if format == .text {
                writeStderr("spineboard: --ndjson writes JSON lines; --format text cannot be combined with it")
                throw ExitCode(1)
            }
            var batch = BatchAssessor(today: today)
            batch.process(input, flush: writeStdout)
            return try finishStdout()
        }
        switch CaseDocument.decode(input, today: today) {
        case .failure(let e):
            writeStderr("spineboard: the case document is invalid (\(e.errors.count) error\(e.errors.count == 1 ? "" : "s")):")
            for err in e.errors { writeStderr("  \(err.path.isEmpty ? "(document)" : err.path): \(err.message)") }
            throw ExitCode(2)
        case .success(let c):
            let a = assess(c, today: today)
            switch format ?? .text {
            case .json: writeStdout(a.jsonBytes() + [0x0A])
            case .text: writeStdout(Array(TextReport.render(a, for: c).utf8))
            }
            try finishStdout()
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Print the rules version and the histology catalogue.")

    func run() throws {
        print("SpineBoard rules \(Rules.version)")
        print(Rules.disclaimer)
        print("\nHistology catalogue (\(HistologyCatalogue.citation)):")
        print("code                Tokuhashi  Tomita     Bauer-fav  Rades                 NOMS")
        for e in HistologyCatalogue.entries {
            let growth = e.tomitaGrowth.map { $0.rawValue + (e.tomitaByConvention ? "†" : "") } ?? "—"
            print("\(e.code.padding(toLength: 20, withPad: " ", startingAt: 0))\(String(e.tokuhashiPoints).padding(toLength: 11, withPad: " ", startingAt: 0))\(growth.padding(toLength: 11, withPad: " ", startingAt: 0))\((e.bauerFavourable ? "yes" : "no").padding(toLength: 11, withPad: " ", startingAt: 0))\("\(e.rades.rawValue) (\(e.rades.points))".padding(toLength: 22, withPad: " ", startingAt: 0))\(e.radiosensitivity.rawValue)")
        }
    }
}
