/// The inliner (placeholder): no call is inlined yet, so the phase leaves the HIR as it is.
///
/// It has its place in the phase table so that dumps and chapters can already name it.
enum Inliner {
    static func run(_ c: Compiler) throws {}
}
