import Testing
import JIT
@testable import Workbook

/// `profile=` reaches the JIT with the example's configuration.
@Suite struct ProfileConfigTests {
    @Test func profileTravelsWithTheConfiguration() throws {
        let ch = try Chapter(source: """
        ```il
        ```
        ```asm x64 Program::M profile=IL_0007:Program+Derived=90;Program+Other=10
        ```
        ```asm x64 Program::M
        ```

        """, path: "c.md")
        let withProfile = ch.examples[0].config, without = ch.examples[1].config
        #expect(withProfile.classProfile?.entries.count == 2)
        #expect(without.classProfile == nil)
        // The compile cache keys on the configuration, so the two never share a listing.
        #expect(withProfile != without)
    }

    @Test(arguments: [
        (7, "Program+Derived"),     // the entry for this site
        (9, "Program+Other"),       // no entry for IL_0009: the site-less entry
    ])
    func likelyClassPicksTheSiteFirst(_ offset: Int, _ expected: String) throws {
        let p = try ClassProfile(parsing: "IL_0007:Program+Derived=90;Program+Other=10;IL_0007:Program+Third=10",
                                 at: .init(file: "c.md", line: 1, column: 1))
        #expect(p.likelyClass(atIL: offset)?.className == expected)
    }

    @Test func mostFrequentClassWins() throws {
        let p = ClassProfileData(entries: [
            .init(ilOffset: nil, className: "A", percent: 30),
            .init(ilOffset: nil, className: "B", percent: 70),
        ])
        #expect(p.likelyClass(atIL: 0)?.className == "B")
        #expect(p.likelyClass(atIL: 0)?.percent == 70)
    }
}
