import JIT

/// A class profile for guarded devirtualization, as a chapter writes it in `profile=`.
///
/// The real JIT learns from PGO which classes a virtual call site saw; a chapter
/// states that profile instead, so the listing it shows does not depend on a
/// training run. Syntax: entries separated by `;`, each
/// `[IL_XXXX:]Class[=Percent]`, e.g. `profile=IL_0007:Program+Derived=100`.
/// An entry without an IL offset applies to every virtual call site of the method;
/// without a percentage it means 100. The JIT receives the same value with its
/// configuration, so the workbook uses the JIT's type.
public typealias ClassProfile = ClassProfileData
