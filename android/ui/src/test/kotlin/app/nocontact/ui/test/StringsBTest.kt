// strings.xml: every value of the enums lane B's screens show has its words,
// keyed by the core's stable id (`kind.value` in snake case).
package app.nocontact.ui.test

import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.core.AttemptResponse
import app.nocontact.core.BoundaryKind
import app.nocontact.core.Discretion
import app.nocontact.core.Emotion
import app.nocontact.core.Initiator
import app.nocontact.core.Relationship
import app.nocontact.core.TriggerCategory
import app.nocontact.core.UrgeOutcome
import app.nocontact.ui.entry.EntryKinds
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.log.LogPeriod

fun registerStringsBTests() {
    Suite.test("strings: every relationship, boundary kind, trigger category, emotion, response, initiator, discretion and period has its words") {
        val keys = Relationship.entries.map { enumKey("relationship", it) } +
            BoundaryKind.entries.map { enumKey("boundary_kind", it) } +
            TriggerCategory.entries.map { enumKey("trigger_category", it) } +
            Emotion.entries.map { enumKey("emotion", it) } +
            AttemptResponse.entries.map { enumKey("attempt_response", it) } +
            Initiator.entries.map { enumKey("initiator", it) } +
            Discretion.entries.map { enumKey("discretion", it) } +
            UrgeOutcome.entries.map { enumKey("entry_outcome", it) } +
            EntryKinds.map { enumKey("entry_kind", it) } +
            LogPeriod.entries.map { "log_period.${it.name.lowercase()}" } +
            (0..4).map { "entry_unsafe.$it" } + (1..5).map { "entry_energy.$it" }
        assertEq(keys.filter { !STRINGS.has(it) }, emptyList<String>(), "keys without words")
    }
}
