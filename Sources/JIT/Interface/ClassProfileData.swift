/// The class profile of a compilation: which classes virtual call sites saw (the model's PGO data).
///
/// The real JIT reads instrumentation results from the runtime and asks which
/// class a call site most likely sees (`getLikelyClasses`). In the model a
/// chapter states the profile (`profile=` in an info string, DESIGN §2) and it
/// travels to the JIT with the configuration; the runtime model resolves the
/// class names. Entries are `(IL offset or every site, class name, percent)`.
public struct ClassProfileData: Sendable, Hashable {
    /// One observed class at one call site.
    public struct Entry: Sendable, Hashable {
        /// IL offset of the call site, nil for every virtual call site.
        public var ilOffset: Int?
        /// The class as written: `Ns.Class`, nested types as `Outer+Inner` or `Outer/Inner`.
        public var className: String
        /// How often the site saw the class, 0...100.
        public var percent: Int

        public init(ilOffset: Int?, className: String, percent: Int) {
            self.ilOffset = ilOffset
            self.className = className
            self.percent = percent
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The likeliest class at the call site at `ilOffset`: the most frequent entry naming that
    /// offset, else the most frequent entry without one; the first written wins a tie.
    public func likelyClass(atIL ilOffset: Int) -> Entry? {
        let exact = entries.filter { $0.ilOffset == ilOffset }
        let pool = exact.isEmpty ? entries.filter { $0.ilOffset == nil } : exact
        return pool.reduce(nil) { best, e in (best.map { e.percent > $0.percent } ?? true) ? e : best }
    }
}

/// A class a virtual call site is likely to see, resolved by the runtime (getLikelyClasses' answer).
public struct LikelyClass: Sendable, Hashable {
    public var handle: ClassHandle
    /// How often the site saw the class, 0...100.
    public var likelihood: Int

    public init(handle: ClassHandle, likelihood: Int) {
        self.handle = handle
        self.likelihood = likelihood
    }
}
