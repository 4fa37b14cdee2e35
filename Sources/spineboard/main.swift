import Foundation
import SpineCore

let data = FileManager.default.contents(atPath: CommandLine.arguments[1])!
let json = try JSONParser.parse(Array(data))
guard case let .object(members) = json else { fatalError() }
var fails = 0
for (key, v) in members {
    guard case let .object(vm) = v else { continue }
    let caseJSON = vm.first { $0.key == "case" }!.value
    switch CaseDocument.decode(caseJSON, today: CalendarDate(iso: "2026-03-01")!) {
    case .failure(let e): print(key, "INVALID", e.errors); fails += 1
    case .success(let c):
        let a = assess(c, today: CalendarDate(iso: "2026-03-01")!)
        let s = a.scores
        print(key, "SINS", s.sins.total ?? -1, s.sins.category ?? "-", "Tok", s.tokuhashiRevised.total ?? -1, "Tom", s.tomita.total ?? -1, s.tomita.status.rawValue,
              "mB", s.bauerModified.total ?? -1, "oB", s.bauerOriginal.total ?? -1, "NESMS", s.nesms.total ?? -1, "Rades", s.rades.total ?? -1, s.rades.category ?? "", "ESCC", s.escc.grade ?? "", "urg", a.urgency.level.rawValue)
        print("   options:", a.options.map { "\($0.code.rawValue)\($0.regimen.map { "[\($0)]" } ?? "")" }.joined(separator: ", "))
        print("   referrals:", a.referrals.map(\.rawValue).joined(separator: ","))
    }
}
