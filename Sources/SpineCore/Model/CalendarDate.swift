// A calendar date without time zone (ISO 8601 `YYYY-MM-DD`), with exact day arithmetic.

public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01 (proleptic Gregorian).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        dayNumber = CalendarDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
    public init?(iso text: String) {
        self.init(isoBytes: Array(text.utf8))
    }

    /// As `init(iso:)`, from the text's UTF-8 bytes (the case decoder reads dates in its input).
    init?<Bytes: RandomAccessCollection<UInt8>>(isoBytes u: Bytes) where Bytes.Index == Int {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole calendar months from `self` to `later` (0 if `later` is earlier).
    public func wholeMonths(until later: CalendarDate) -> Int {
        let a = components, b = later.components
        var months = (b.year - a.year) * 12 + (b.month - a.month)
        if b.day < a.day { months -= 1 }
        return max(0, months)
    }

    /// The same day `months` calendar months later, on the month's last day when it is shorter
    /// (2025-01-31 + 1 month = 2025-02-28).
    public func adding(months: Int) -> CalendarDate {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        let day = min(c.day, CalendarDate.daysIn(month: month, year: year))
        return CalendarDate(dayNumber: CalendarDate.days(year: year, month: month, day: day))
    }

    /// Whole calendar months from `self` to `later` and the days left over (both 0 if `later` is
    /// earlier): 2024-11-10 → 2026-03-01 is 15 months and 19 days.
    public func monthsAndDays(until later: CalendarDate) -> (months: Int, days: Int) {
        guard later > self else { return (0, 0) }
        let months = wholeMonths(until: later)
        return (months, later.dayNumber - adding(months: months).dayNumber)
    }

    /// Whole years from `self` to `later`, as for an age.
    public func wholeYears(until later: CalendarDate) -> Int { wholeMonths(until: later) / 12 }

    public var components: (year: Int, month: Int, day: Int) {
        // Civil-from-days (H. Hinnant's algorithm).
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var description: String {
        let c = components
        guard (0...9999).contains(c.year) else { return Self.paddedDescription(c) }
        // YYYY-MM-DD written as ten ASCII bytes: a small string, no allocation (deadlines and
        // every assessment print dates).
        var ascii: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &ascii) { raw in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var v = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    raw[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
                    v /= 10
                }
            }
            put(c.year, 4, at: 0)
            raw[4] = UInt8(ascii: "-")
            put(c.month, 2, at: 5)
            raw[7] = UInt8(ascii: "-")
            put(c.day, 2, at: 8)
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<10]), as: UTF8.self)
        }
    }

    /// Years outside 0…9999 (only from `init(dayNumber:)`): zero-padded as before.
    static func paddedDescription(_ c: (year: Int, month: Int, day: Int)) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
