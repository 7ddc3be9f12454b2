// Insights (APPS.md §2.11) driven through the real screens against the real
// library: the summaries under each chart (and read to screen readers) carry
// the numbers the core computed from what was logged; choosing a person and a
// period asks the core again; nothing is written.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assert
import androidx.compose.ui.test.hasContentDescription
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.AttemptResponse
import app.nocontact.core.BoundaryInput
import app.nocontact.core.BoundaryKind
import app.nocontact.core.CheckIn
import app.nocontact.core.Channel
import app.nocontact.core.EventBody
import app.nocontact.core.EventQuery
import app.nocontact.core.Insights
import app.nocontact.core.LocalDate
import app.nocontact.core.NewEvent
import app.nocontact.core.TheirAttempt
import app.nocontact.core.Urge
import app.nocontact.core.UrgeOutcome
import app.nocontact.ui.insights.attemptBarsDescription
import app.nocontact.ui.insights.attemptsSummary
import app.nocontact.ui.insights.boundaryLine
import app.nocontact.ui.insights.gridSummary
import app.nocontact.ui.insights.moodSummary
import app.nocontact.ui.insights.shortDate
import app.nocontact.ui.insights.urgeBarsDescription
import app.nocontact.ui.insights.urgesSummary
import java.time.DayOfWeek
import java.time.Instant
import java.time.ZonedDateTime
import java.time.format.TextStyle
import java.util.Locale

@OptIn(ExperimentalTestApi::class)
fun registerInsightsFlowTests() {
    Suite.test("ui: insights shows urges, the weekday × hour grid, their rising attempts, mood and boundaries as the core counts them") {
        AppUnderTest(this).use { a ->
            // Three urges a week ago at 21:30 on the phone's clock, two resisted.
            val urgeAt: ZonedDateTime = ZonedDateTime.now(ZONE).minusDays(7).withHour(21).withMinute(30).withSecond(0).withNano(0)
            var everyone: Insights? = null
            var samOnly: Insights? = null
            var events = 0uL
            val sam = prepareVault(a) { c, samId ->
                val mum = c.call { it.addPerson(person("Mum")) }.ok("addPerson").id
                fun at(t: Instant) = NewEvent(t, ZONE.rules.getOffset(t).totalSeconds, EventBody.Urge(Urge(6u, samId, emptyList(), emptyList(), emptyList(), emptyList(), UrgeOutcome.RESISTED, null, "")))
                for ((n, outcome) in listOf(UrgeOutcome.RESISTED, UrgeOutcome.RESISTED, UrgeOutcome.DELAYED).withIndex()) {
                    val t = urgeAt.plusMinutes(n.toLong()).toInstant()
                    val e = at(t)
                    c.call { it.logEvent(e.copy(body = EventBody.Urge((e.body as EventBody.Urge).urge.copy(outcome = outcome, intensity = (5 + n).toUByte())))) }.ok("urge")
                }
                // One attempt 20 days ago, then three from Sam and one from Mum now: rising.
                val earlier = ZonedDateTime.now(ZONE).minusDays(20).toInstant()
                val attempt = TheirAttempt(samId, Channel.CALL, "", "", false, AttemptResponse.IGNORED, "", emptyList(), 0u, emptyList(), "")
                c.call { it.logEvent(NewEvent(earlier, 0, EventBody.TheirAttempt(attempt))) }.ok("earlier attempt")
                repeat(3) { c.quickLogAttempt(samId, Channel.TEXT).ok("attempt") }
                c.quickLogAttempt(mum, Channel.EMAIL).ok("mum")
                c.logCheckIn(2u).ok("check-in")
                c.logCheckIn(4u).ok("check-in")
                val since = java.time.LocalDate.now(ZONE).minusDays(30)
                c.call { it.addBoundary(BoundaryInput("I do not answer their calls", samId, BoundaryKind.COMMUNICATION, LocalDate(since.year, since.monthValue.toUInt(), since.dayOfMonth.toUInt()), null)) }.ok("boundary")
                everyone = c.call { it.insights(ZONE.id, 12u, null) }.ok("insights")
                samOnly = c.call { it.insights(ZONE.id, 4u, samId) }.ok("insights sam")
                events = c.call { it.listEvents(EventQuery(emptyList(), null, null, null, 0u, 1u)) }.ok("count").total
            }
            val all = everyone!!
            val four = samOnly!!
            // The core counted what was logged.
            assertEq(all.urges.total, 3u, "urges")
            check(all.attempts.rising && all.attempts.last14Days == 4u && all.attempts.mostInEarlier14Days == 1u) { "attempts: ${all.attempts}" }
            val day = DayOfWeek.from(urgeAt).getDisplayName(TextStyle.FULL, Locale.getDefault())
            phoneTest {
                toHome(a)
                tapTag("open_insights")
                waitForText(s("insights_title"))
                waitForText(urgesSummary(STRINGS, all.urges))
                waitForText(STRINGS.plural("insights_urges_summary", 3, 3, all.urges.resistedPercent.toInt(), "%.1f".format(all.urges.meanIntensity)), substring = true)
                waitForTag("urges_chart").assert(hasContentDescription(urgeBarsDescription(STRINGS, all.urges)))
                val grid = gridSummary(STRINGS, all.urges.weekdayHour)
                check(grid.startsWith(s("insights_grid_busiest", day, 21, 22, 3))) { "grid summary <$grid>" }
                waitForTag("grid_chart").assert(hasContentDescription(grid))
                waitForText(grid)
                waitForText(attemptsSummary(STRINGS, all.attempts))
                waitForText(s("insights_attempts_rising", 4, 1), substring = true)
                waitForTag("rising")
                waitForTag("attempts_chart").assert(hasContentDescription(attemptBarsDescription(STRINGS, all.attempts)))
                waitForText(moodSummary(STRINGS, all.mood))
                waitForText("I do not answer their calls")
                waitForText(boundaryLine(STRINGS, all.boundaries.single()))

                // Sam alone, over four weeks: the core is asked again.
                tapTag("person_$sam")
                tapTag("period_4")
                waitForText(s("insights_range", shortDate(four.from), shortDate(four.to)))
                waitForText(attemptsSummary(STRINGS, four.attempts))
                waitForText(s("insights_attempts_rising", 3, 1), substring = true)
                tapTag("insights_back")
                waitForText(s("home_action_reached_out"))
            }
            inspectVault(a) { c ->
                val now = c.call { it.listEvents(EventQuery(emptyList(), null, null, null, 0u, 1u)) }.ok("count").total
                assertEq(now, events, "events after looking at insights (nothing written)")
            }
        }
    }
}
