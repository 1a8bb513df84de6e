// Real-shaped pages (The Events Calendar, Yoast, OpenAgenda, Drupal/DSFR, h-event, hCalendar,
// broken JSON-LD, statuses, online and mixed events) against their expected events.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct StructuredDataFixtureTests {
    static let pages = [
        "tec-single", "tec-list", "yoast-graph-events", "openagenda-embed", "dsfr-agenda-microdata",
        "h-event", "hcalendar", "same-event-twice", "broken-jsonld", "statuses", "online-mixed", "schema-org-examples",
    ]

    @Test(arguments: pages)
    func pageYieldsItsExpectedEvents(_ name: String) throws {
        let fixture = try PageFixture(name)
        let differences = try fixture.differences()
        #expect(differences.isEmpty, Comment(rawValue: "\(name):\n" + differences.joined(separator: "\n")))
    }
}
