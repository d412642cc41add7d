import Foundation

/// The few printf-style formats the listing uses (`%03d`, `0x%04X`, `%.2f`, padded columns),
/// written out by hand.
///
/// `String(format:)` goes through CFString, a locale and boxed `CVarArg`s; the listing formats a
/// group name for every label an instruction prints, so that cost showed up as about a tenth of
/// `jitbook jit`. These produce exactly the text `String(format:)` does for the same arguments.
enum ListingFormat {
    /// `%0<width>d`: decimal, zero-padded to `width` characters (the sign counts, as in printf).
    static func decimal(_ v: Int, width: Int) -> String {
        let digits = String(v.magnitude)
        let sign = v < 0 ? "-" : ""
        let zeros = max(0, width - sign.count - digits.count)
        return zeros == 0 ? sign + digits : sign + String(repeating: "0", count: zeros) + digits
    }

    /// `0x%0<width>X`: `0x` then uppercase hex of a non-negative value, zero-padded to `width` digits.
    static func hex(_ v: Int, width: Int) -> String {
        precondition(v >= 0, "listing offsets are non-negative")
        let digits = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `%.2f`: two decimals, rounded as printf rounds, from the exact binary value (ties to even).
    ///
    /// `x * 100` may itself round onto or across a half; the exact residual of that product
    /// (`fma(x, 100, -p)`) says which side of the half the true value lies on.
    static func twoDecimals(_ x: Double) -> String {
        guard x.isFinite, x.magnitude < 1e13 else { return String(format: "%.2f", x) }
        let m = x.magnitude
        let p = m * 100
        let residual = (-p).addingProduct(m, 100)  // exact: m * 100 - p
        let floor = p.rounded(.down)
        var hundredths = Int64(floor)
        let fraction = p - floor
        if fraction > 0.5 || (fraction == 0.5 && (residual > 0 || (residual == 0 && hundredths % 2 == 1))) {
            hundredths += 1
        }
        let whole = hundredths / 100, cents = hundredths % 100
        let sign = x.sign == .minus ? "-" : ""
        return sign + String(whole) + (cents < 10 ? ".0" : ".") + String(cents)
    }

    /// `String.padding(toLength:withPad:" ",startingAt:0)` for ASCII text: pads with spaces,
    /// or cuts to `width` characters.
    static func padded(_ s: String, _ width: Int) -> String {
        let n = s.utf16.count
        if n == width { return s }
        if n > width { return String(s.prefix(width)) }
        return s + String(repeating: " ", count: width - n)
    }
}
