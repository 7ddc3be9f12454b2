// Fixed states of every finished screen: rendered to PNG by RenderScreens.kt
// and checked for accessibility by AccessibilityTest.kt.
package app.nocontact.ui.test

import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.platform.Font
import app.nocontact.core.AttemptResponse
import app.nocontact.core.Channel
import app.nocontact.core.CheckIn
import app.nocontact.core.Event
import app.nocontact.core.EventBody
import app.nocontact.core.EventKind
import app.nocontact.core.HomeSummary
import app.nocontact.core.TheirAttempt
import app.nocontact.core.Urge
import app.nocontact.core.UrgeOutcome
import app.nocontact.ui.log.LogActions
import app.nocontact.ui.log.LogDetail
import app.nocontact.ui.log.LogNotice
import app.nocontact.ui.log.LogScreen
import app.nocontact.ui.log.LogState
import app.nocontact.ui.log.withNote
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

private fun event(n: Int, body: EventBody, revision: UInt = 0u): Event {
    val at = Instant.parse("2026-12-02T21:10:00Z").minusSeconds(n * 5L * 3600)
    val kind = when (body) {
        is EventBody.Urge -> EventKind.URGE
        is EventBody.TheirAttempt -> EventKind.THEIR_ATTEMPT
        is EventBody.CheckIn -> EventKind.CHECK_IN
        is EventBody.MyContact -> EventKind.MY_CONTACT
    }
    return Event("e$n", kind, at, 0, at, revision, if (revision > 0u) at.plusSeconds(3600) else null, false, body)
}

private val ATTEMPT_BODY = EventBody.TheirAttempt(
    TheirAttempt("p1", Channel.CALL, "", "", false, AttemptResponse.IGNORED, "", emptyList(), 0u, emptyList(), "Called twice from a new number."),
)

val LOG_EVENTS = listOf(
    event(0, EventBody.CheckIn(CheckIn(4u, null, "Walked by the river.", emptyList()))),
    event(1, ATTEMPT_BODY, revision = 1u),
    event(2, EventBody.Urge(Urge(7u, "p1", emptyList(), emptyList(), emptyList(), listOf("Go for a walk"), UrgeOutcome.RESISTED, null, ""))),
    event(3, EventBody.TheirAttempt(TheirAttempt("p2", Channel.TEXT, "", "", false, AttemptResponse.IGNORED, "", emptyList(), 0u, emptyList(), ""))),
    event(4, EventBody.CheckIn(CheckIn(2u, null, "A hard evening.\nCould not sleep until late, thought about calling.", emptyList()))),
)

val LOG_STATE = LogState(loading = false, events = LOG_EVENTS, total = 31, nextOffset = 20u, people = mapOf("p1" to "Sam", "p2" to "Mum"))

val LOG_DETAIL = LogDetail(LOG_EVENTS[1], earlier = listOf(event(1, withNote(ATTEMPT_BODY, "Called."))))

val PLAN = app.nocontact.core.SafetyPlan(
    warningSigns = listOf("I start checking their profile"),
    copingStrategies = listOf("Breathe out slowly five times", "Put the phone in another room", "Go for a walk"),
    distractions = emptyList(),
    peopleToAsk = listOf(SupportContact("Alex", "07700 900123")),
    professionals = listOf(SupportContact("Helpline", "0808 2000 247")),
    safeEnvironment = emptyList(),
    reasons = listOf("My children deserve a calm home"),
    ifTheyShowUp = listOf("Do not open the door", "Call Alex"),
    safePlaces = listOf("The library on Mill Road"),
    codeWord = "",
    goBag = emptyList(),
    documents = emptyList(),
)

val PLAN_STATE = app.nocontact.ui.plan.PlanState(loading = false, plan = PLAN, sections = app.nocontact.core.safetyPlanSections())

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
    ScreenCase("log") { LogScreen(LOG_STATE, LogActions()) },
    ScreenCase("log-detail") { LogScreen(LOG_STATE.copy(detail = LOG_DETAIL, notice = LogNotice.AMENDED), LogActions()) },
    ScreenCase("log-edit") { LogScreen(LOG_STATE.copy(detail = LOG_DETAIL.copy(draft = "Called twice from a new number, then texted.")), LogActions()) },
    ScreenCase("log-delete") { LogScreen(LOG_STATE.copy(detail = LOG_DETAIL.copy(confirmDelete = true)), LogActions()) },
    ScreenCase("log-deleted") { LogScreen(LOG_STATE.copy(filter = EventKind.THEIR_ATTEMPT, events = listOf(LOG_EVENTS[3]), total = 1, nextOffset = null, notice = LogNotice.DELETED), LogActions()) },
    ScreenCase("plan") { app.nocontact.ui.plan.SafetyPlanScreen(PLAN_STATE.copy(saved = true), app.nocontact.ui.plan.PlanActions(), ZONE) },
    ScreenCase("plan-crisis") { app.nocontact.ui.plan.SafetyPlanScreen(PLAN_STATE.copy(mode = app.nocontact.ui.plan.PlanMode.CRISIS), app.nocontact.ui.plan.PlanActions(), ZONE) },
    ScreenCase("plan-crisis-people") { app.nocontact.ui.plan.SafetyPlanScreen(PLAN_STATE.copy(mode = app.nocontact.ui.plan.PlanMode.CRISIS, crisisIndex = 2), app.nocontact.ui.plan.PlanActions(), ZONE) },
    ScreenCase("plan-edit") {
        app.nocontact.ui.plan.SafetyPlanScreen(
            PLAN_STATE.copy(mode = app.nocontact.ui.plan.PlanMode.EDIT, editing = app.nocontact.core.SafetyPlanSection.COPING_STRATEGIES, draft = PLAN.copingStrategies.joinToString("\n")),
            app.nocontact.ui.plan.PlanActions(),
            ZONE,
        )
    },
    ScreenCase("plan-history") {
        val v1 = app.nocontact.core.SafetyPlanVersion(1u, Instant.parse("2026-11-20T18:00:00Z"), PLAN.copy(copingStrategies = listOf("Go for a walk"), ifTheyShowUp = emptyList()))
        val v2 = app.nocontact.core.SafetyPlanVersion(2u, Instant.parse("2026-12-01T09:30:00Z"), PLAN)
        app.nocontact.ui.plan.SafetyPlanScreen(PLAN_STATE.copy(mode = app.nocontact.ui.plan.PlanMode.HISTORY, history = listOf(v2, v1)), app.nocontact.ui.plan.PlanActions(), ZONE)
    },
    ScreenCase("settings") { app.nocontact.ui.settings.SettingsScreen(app.nocontact.ui.settings.SettingsState(notice = app.nocontact.ui.settings.SettingsNotice.LOCK_SAVED), app.nocontact.ui.settings.SettingsActions()) },
    ScreenCase("settings-passcode") {
        app.nocontact.ui.settings.SettingsScreen(
            app.nocontact.ui.settings.SettingsState(page = app.nocontact.ui.settings.SettingsPage.PASSCODE, passcode = "1234567", confirm = "123", problem = app.nocontact.ui.settings.SettingsProblem.MISMATCH),
            app.nocontact.ui.settings.SettingsActions(),
        )
    },
    ScreenCase("settings-duress") { app.nocontact.ui.settings.SettingsScreen(app.nocontact.ui.settings.SettingsState(page = app.nocontact.ui.settings.SettingsPage.DURESS, hasDuress = true), app.nocontact.ui.settings.SettingsActions()) },
    ScreenCase("settings-lock") {
        app.nocontact.ui.settings.SettingsScreen(app.nocontact.ui.settings.SettingsState(page = app.nocontact.ui.settings.SettingsPage.LOCK, eraseAfter = 10u, acceptLoss = false), app.nocontact.ui.settings.SettingsActions())
    },
    ScreenCase("settings-protected") { app.nocontact.ui.settings.SettingsScreen(app.nocontact.ui.settings.SettingsState(page = app.nocontact.ui.settings.SettingsPage.PROTECTED), app.nocontact.ui.settings.SettingsActions()) },
    ScreenCase("settings-erase") { app.nocontact.ui.settings.SettingsScreen(app.nocontact.ui.settings.SettingsState(page = app.nocontact.ui.settings.SettingsPage.ERASE, typed = "eras"), app.nocontact.ui.settings.SettingsActions()) },
    ScreenCase("home-write") { HomeScreen(HomeState(loading = false, summary = HOME_SUMMARY, sheet = QuickSheet.WRITE, draft = "Walked by the river."), HomeActions(), ZONE) },
) + LANE_A_SCREENS + LANE_B_SCREENS
