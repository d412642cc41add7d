/// Byte, token and line mutations of text inputs, and splicing of two inputs.
///
/// No coverage feedback: every input is a deterministic function of the corpus, the
/// seed and its index (`input(_:)`), which is what lets the driver name an input that
/// killed its worker process by its index alone. Token mutations draw from the target's
/// dictionary (opcodes, directives, info-string words, regex syntax), so mutants stay
/// close enough to the grammar to get past the lexer and exercise the later stages.
public struct Mutator: Sendable {
    /// The seed inputs, never empty (an empty corpus is replaced by one empty input).
    public let corpus: [[UInt8]]
    /// Words a token mutation may insert.
    public let dictionary: [String]
    public let seed: UInt64

    public init(corpus: [[UInt8]], dictionary: [String], seed: UInt64) {
        self.corpus = corpus.isEmpty ? [[]] : corpus
        self.dictionary = dictionary.isEmpty ? ["x"] : dictionary
        self.seed = seed
    }

    /// Input number `index`: the seeds themselves first, then mutants (1 to 8 stacked mutations of a seed).
    public func input(_ index: UInt64) -> [UInt8] {
        if index < UInt64(corpus.count) { return corpus[Int(index)] }
        var rng = FuzzRandom(seed: seed, index: index)
        var data = rng.pick(corpus)
        let rounds = 1 + rng.below(rng.chance(70) ? 3 : 8)
        for _ in 0..<rounds { data = mutate(data, &rng) }
        return data
    }

    /// Interesting integers: boundaries of every width and a few small values.
    static let numbers = ["0", "1", "-1", "2", "7", "8", "16", "31", "32", "63", "64", "127", "128", "255", "256",
                          "-128", "32767", "-32768", "65535", "2147483647", "-2147483648", "4294967295",
                          "9223372036854775807", "-9223372036854775808", "18446744073709551616",
                          "0x7FFFFFFF", "0x80000000", "0xFFFFFFFF", "99999999999999999999999", "1e308", "-0"]

    /// Characters parsers trip over: brackets, quotes, separators, control and non-ASCII characters.
    static let specials: [[UInt8]] = ["{", "}", "(", ")", "[", "]", "<", ">", "\"", "'", "`", "~", ":", "::", ";", ",",
                                      ".", "=", "/", "\\", "*", "\t", "\r", "\n", "\r\n", "\0", " ", "{{", "}}", "```",
                                      "~~~", "#", "é", "\u{FEFF}", "\u{200B}", "𝕏", "\u{0301}"].map { Array($0.utf8) }

    /// One mutation, picked at random among the byte, token, line and splice operators.
    func mutate(_ input: [UInt8], _ rng: inout FuzzRandom) -> [UInt8] {
        var data = input
        switch rng.below(13) {
        case 0:  // flip a bit
            if !data.isEmpty { data[rng.below(data.count)] ^= UInt8(1) << UInt8(rng.below(8)) }
        case 1:  // insert a special character sequence
            data.insert(contentsOf: rng.pick(Self.specials), at: rng.below(data.count + 1))
        case 2:  // delete a short range
            if !data.isEmpty {
                let at = rng.below(data.count)
                data.removeSubrange(at..<min(data.count, at + 1 + rng.below(16)))
            }
        case 3:  // duplicate a short range
            if !data.isEmpty {
                let at = rng.below(data.count)
                let piece = data[at..<min(data.count, at + 1 + rng.below(32))]
                data.insert(contentsOf: piece, at: rng.below(data.count + 1))
            }
        case 4:  // a random byte
            data.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.below(data.count + 1))
        case 5, 6:  // replace a word with a dictionary word
            data = replaceWord(data, &rng) { rng in rng.pick(dictionary) }
        case 7:  // replace a word with an interesting number
            data = replaceWord(data, &rng) { rng in rng.pick(Self.numbers) }
        case 8:  // insert a dictionary word
            let word = Array((" " + rng.pick(dictionary) + " ").utf8)
            data.insert(contentsOf: word, at: wordBoundary(data, rng.below(data.count + 1)))
        case 9:  // delete, duplicate or swap lines
            var lines = splitLines(data)
            guard !lines.isEmpty else { break }
            let i = rng.below(lines.count), j = rng.below(lines.count)
            switch rng.below(3) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: j)
            default: lines.swapAt(i, j)
            }
            data = lines.flatMap { $0 }
        case 10:  // insert a line of another seed
            let other = splitLines(rng.pick(corpus))
            var lines = splitLines(data)
            if !other.isEmpty { lines.insert(rng.pick(other), at: rng.below(lines.count + 1)) }
            data = lines.flatMap { $0 }
        case 11:  // splice: a prefix of this input, a suffix of another
            let other = rng.pick(corpus)
            data = Array(data.prefix(rng.below(data.count + 1))) + Array(other.suffix(rng.below(other.count + 1)))
        default:  // truncate
            data = Array(data.prefix(rng.below(data.count + 1)))
        }
        return data
    }

    /// Replaces one maximal run of word characters with `word(rng)`; appends the word when there is none.
    private func replaceWord(_ data: [UInt8], _ rng: inout FuzzRandom, _ word: (inout FuzzRandom) -> String) -> [UInt8] {
        let starts = data.indices.filter { Self.isWordByte(data[$0]) && ($0 == 0 || !Self.isWordByte(data[$0 - 1])) }
        let replacement = Array(word(&rng).utf8)
        guard !starts.isEmpty else { return data + replacement }
        let start = rng.pick(starts)
        var end = start
        while end < data.count && Self.isWordByte(data[end]) { end += 1 }
        var out = data
        out.replaceSubrange(start..<end, with: replacement)
        return out
    }

    /// The nearest position at or after `at` that is not inside a word.
    private func wordBoundary(_ data: [UInt8], _ at: Int) -> Int {
        var i = at
        while i < data.count && i > 0 && Self.isWordByte(data[i]) && Self.isWordByte(data[i - 1]) { i += 1 }
        return i
    }

    /// Letters, digits and `_ . $ @ ! -` (what IL identifiers, opcodes and numbers are made of).
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x5F || b == 0x2E || b == 0x24 || b == 0x40 || b == 0x21 || b == 0x2D
    }

    /// Lines with their terminators (the last one may have none).
    func splitLines(_ data: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for b in data {
            current.append(b)
            if b == 0x0A {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
