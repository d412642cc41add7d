/// Placeholder: replaced by the real dumper.
enum IRDumper {
    static func dump(_ c: Compiler, after phase: Phase) -> String { "" }
}
