// Fixed states of every finished screen: rendered to PNG by RenderScreens.kt
// and checked for accessibility by AccessibilityTest.kt.
package app.nocontact.ui.test

import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.platform.Font
import app.nocontact.core.HomeSummary
import app.nocontact.core.MyReason
import app.nocontact.core.SupportContact
import app.nocontact.core.UrgeSupport
import app.nocontact.ui.urge.UrgeActions
import app.nocontact.ui.urge.UrgeScreen
import app.nocontact.ui.urge.UrgeState
import app.nocontact.core.LocalDate
import app.nocontact.core.NextMilestone
import app.nocontact.core.Prompt
import app.nocontact.core.ReasonTheme
import app.nocontact.core.RiskyDate
import app.nocontact.core.Streak
import app.nocontact.core.StreakReport
import app.nocontact.ui.firstrun.FirstRunActions
import app.nocontact.ui.firstrun.FirstRunProblem
import app.nocontact.ui.firstrun.FirstRunScreen
import app.nocontact.ui.firstrun.FirstRunState
import app.nocontact.ui.firstrun.FirstRunStep
import app.nocontact.ui.home.AccessBanner
import app.nocontact.ui.home.HomeActions
import app.nocontact.ui.home.HomeScreen
import app.nocontact.ui.home.HomeState
import app.nocontact.ui.home.QuickSheet
import app.nocontact.ui.strings.LocalStrings
import app.nocontact.ui.strings.XmlStrings
import app.nocontact.ui.theme.NoContactTheme
import app.nocontact.ui.unlock.UnlockActions
import app.nocontact.ui.unlock.UnlockMessage
import app.nocontact.ui.unlock.UnlockScreen
import app.nocontact.ui.unlock.UnlockState
import java.io.File
import java.time.Instant
import java.time.ZoneId

val STRINGS: XmlStrings by lazy { XmlStrings.fromClasspath() }
val ZONE: ZoneId = ZoneId.of("Europe/London")

/** A phone: 412 × 915 dp at density 2.625. */
const val DENSITY = 2.625f
const val PHONE_W = 1082
const val PHONE_H = 2402

private const val DEJAVU = "/usr/share/fonts/truetype/dejavu"

/** DejaVu Sans from Debian's fonts-dejavu-core, so pictures do not depend on the machine's fonts. */
val FONT: FontFamily by lazy {
    FontFamily(
        Font(File("$DEJAVU/DejaVuSans.ttf"), FontWeight.Normal),
        Font(File("$DEJAVU/DejaVuSans-Bold.ttf"), FontWeight.Bold),
        Font(File("$DEJAVU/DejaVuSans.ttf"), FontWeight.Medium),
    )
}

/** The app's providers: strings from strings.xml, the theme. */
@Composable
fun Providers(dark: Boolean = false, content: @Composable () -> Unit) {
    CompositionLocalProvider(LocalStrings provides STRINGS) {
        NoContactTheme(dark = dark, fontFamily = FONT, content = content)
    }
}

private fun d(y: Int, m: Int, day: Int) = LocalDate(y, m.toUInt(), day.toUInt())

private val sam = Streak(
    personId = "p1", alias = "Sam", startedOn = d(2026, 6, 1), currentSince = d(2026, 10, 20),
    currentDays = 43u, longestDays = 97u, totalDaysKept = 180u, daysSinceStart = 184u, breaches = 2u,
    previousDays = 97u, milestonesReached = emptyList(), nextMilestone = NextMilestone(60u, 17u, d(2026, 12, 19)),
)
private val mum = Streak(
    personId = "p2", alias = "Mum", startedOn = d(2026, 9, 1), currentSince = d(2026, 9, 1),
    currentDays = 92u, longestDays = 92u, totalDaysKept = 92u, daysSinceStart = 92u, breaches = 0u,
    previousDays = null, milestonesReached = emptyList(), nextMilestone = NextMilestone(100u, 8u, d(2026, 12, 10)),
)

val HOME_SUMMARY = HomeSummary(
    today = d(2026, 12, 2),
    streaks = StreakReport(d(2026, 12, 2), sam, listOf(mum, sam)),
    nextMilestone = NextMilestone(60u, 17u, d(2026, 12, 19)),
    promptOfTheDay = Prompt("prompt.self_preservation.02", ReasonTheme.SELF_PRESERVATION, "What is one small thing you could do today to feel a little safer or calmer?", true),
    remindersToday = emptyList(),
    lastCheckIn = null,
    riskyDateNear = RiskyDate("t1", "our anniversary", "p1", d(2026, 12, 7), 5u),
)

val URGE_STATE = UrgeState(
    intensity = 7,
    support = UrgeSupport(
        sessionId = "00000000000000000000000000000001",
        startedAt = Instant.parse("2026-12-02T21:10:00Z"),
        reasons = listOf(MyReason("r1", "I want to sleep through the night again", null, null, Instant.parse("2026-06-01T10:00:00Z"))),
        planReasons = listOf("My children deserve a calm home"),
        copingSteps = listOf("Breathe out slowly five times", "Put the phone in another room", "Go for a walk"),
        peopleToReach = listOf(SupportContact("Alex", "07700 900123")),
        professionals = listOf(SupportContact("Helpline", "0808 2000 247")),
        suggestedWaitMinutes = 15u,
    ),
)

/** A named fixed state of a screen. */
class ScreenCase(val name: String, val content: @Composable () -> Unit)

private val tuesday = Instant.parse("2026-12-01T19:30:00Z")

val SCREENS: List<ScreenCase> = listOf(
    ScreenCase("first-run-welcome") { FirstRunScreen(FirstRunState(), FirstRunActions()) },
    ScreenCase("first-run-passcode") {
        FirstRunScreen(FirstRunState(step = FirstRunStep.PASSCODE, passcode = "1234567", confirm = "1234568", problem = FirstRunProblem.MISMATCH), FirstRunActions())
    },
    ScreenCase("first-run-recovery") {
        FirstRunScreen(
            FirstRunState(step = FirstRunStep.RECOVERY, recoveryGroups = "7K3M-Q9TD-2XWA-H8PN-RF4C-6VJE-ZB1S-M0YG".split('-'), askGroup = 2, typedGroup = "2XW"),
            FirstRunActions(),
        )
    },
    ScreenCase("unlock") { UnlockScreen(UnlockState(passcode = "12"), UnlockActions()) },
    ScreenCase("unlock-wrong") { UnlockScreen(UnlockState(message = UnlockMessage.WRONG), UnlockActions()) },
    ScreenCase("unlock-wait") { UnlockScreen(UnlockState(message = UnlockMessage.WAIT, waitSeconds = 84), UnlockActions()) },
    ScreenCase("unlock-open-elsewhere") { UnlockScreen(UnlockState(passcode = "river", message = UnlockMessage.OPEN_ELSEWHERE), UnlockActions()) },
    ScreenCase("home") { HomeScreen(HomeState(loading = false, summary = HOME_SUMMARY, banner = AccessBanner(3, tuesday)), HomeActions(), ZONE) },
    ScreenCase("home-they-reached-out") {
        HomeScreen(HomeState(loading = false, summary = HOME_SUMMARY, sheet = QuickSheet.THEY_REACHED_OUT, chosenPerson = "p1"), HomeActions(), ZONE)
    },
    ScreenCase("home-urge") { HomeScreen(HomeState(loading = false, summary = HOME_SUMMARY, sheet = QuickSheet.URGE), HomeActions(), ZONE) },
    ScreenCase("home-check-in") { HomeScreen(HomeState(loading = false, summary = HOME_SUMMARY, sheet = QuickSheet.CHECK_IN), HomeActions(), ZONE) },
    ScreenCase("urge") { UrgeScreen(URGE_STATE, UrgeActions()) },
    ScreenCase("urge-waiting") { UrgeScreen(URGE_STATE.copy(done = setOf(0), waitLeft = 11 * 60 + 42, letter = "I keep thinking about calling you.", letterKept = true), UrgeActions()) },
    ScreenCase("home-write") { HomeScreen(HomeState(loading = false, summary = HOME_SUMMARY, sheet = QuickSheet.WRITE, draft = "Walked by the river."), HomeActions(), ZONE) },
)
