package app.nocontact.ui.app

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.firstrun.FirstRunActions
import app.nocontact.ui.firstrun.FirstRunPresenter
import app.nocontact.ui.firstrun.FirstRunScreen
import app.nocontact.ui.home.HomeActions
import app.nocontact.ui.home.HomePresenter
import app.nocontact.ui.home.HomeScreen
import app.nocontact.ui.evidence.EvidenceActions
import app.nocontact.ui.evidence.EvidencePresenter
import app.nocontact.ui.evidence.EvidenceScreen
import app.nocontact.ui.insights.InsightsActions
import app.nocontact.ui.insights.InsightsPresenter
import app.nocontact.ui.insights.InsightsScreen
import app.nocontact.ui.log.LogActions
import app.nocontact.ui.log.LogPresenter
import app.nocontact.ui.log.LogScreen
import app.nocontact.ui.people.PeopleActions
import app.nocontact.ui.entry.EntryActions
import app.nocontact.ui.backup.BackupPane
import app.nocontact.ui.reminders.RemindersPane
import app.nocontact.ui.entry.EntryPresenter
import app.nocontact.ui.entry.EntryScreen
import app.nocontact.ui.people.PeoplePresenter
import app.nocontact.ui.people.PeopleScreen
import app.nocontact.ui.plan.PlanActions
import app.nocontact.ui.plan.SafetyPlanPresenter
import app.nocontact.ui.plan.SafetyPlanScreen
import app.nocontact.ui.reflect.ReflectActions
import app.nocontact.ui.reflect.ReflectPresenter
import app.nocontact.ui.reflect.ReflectScreen
import app.nocontact.ui.settings.SettingsActions
import app.nocontact.ui.settings.SettingsPresenter
import app.nocontact.ui.settings.SettingsScreen
import app.nocontact.ui.strings.str
import app.nocontact.ui.unlock.UnlockActions
import app.nocontact.ui.urge.UrgeActions
import app.nocontact.ui.urge.UrgePresenter
import app.nocontact.ui.urge.UrgeScreen
import app.nocontact.ui.unlock.UnlockPresenter
import app.nocontact.ui.unlock.UnlockScreen
import java.time.ZoneId

/** The whole app: the screen of the current route, wired to its presenter. */
@Composable
fun NoContactApp(app: AppPresenter, zone: ZoneId) {
    val route by app.route.collectAsState()
    when (val r = route) {
        Route.Starting, Route.Left -> Surface(Modifier.fillMaxSize(), color = MaterialTheme.colorScheme.background) { Box(Modifier.fillMaxSize()) }
        Route.Unavailable -> ScreenFrame(str("app_name"), app::quickExit) { Body(str("unlock_problem")) }
        is Route.FirstRun -> FirstRunRoute(r.presenter, app::quickExit)
        is Route.Unlock -> UnlockRoute(r.presenter, app::quickExit)
        is Route.Home -> HomeRoute(r.presenter, zone, HomeLinks(app::openLog, app::openPlan, app::openSettings, onReflect = app::openReflect, onInsights = app::openInsights, onEvidence = app::openEvidence, onAddPerson = { app.openPeople(addFirst = true) }, onDetails = app::openEntry), app::quickExit)
        is Route.Settings -> SettingsRoute(r.presenter, app::quickExit, SettingsLinks(onPeople = { app.openPeople(back = app::openSettings) }, onBackup = app::openBackup, onReminders = app::openReminders))
        is Route.SafetyPlan -> PlanRoute(r.presenter, zone, app::quickExit)
        is Route.Log -> LogRoute(r.presenter, app::quickExit)
        is Route.Urge -> UrgeRoute(r.presenter, app::quickExit)
        is Route.Reflect -> ReflectRoute(r.presenter, app::quickExit)
        is Route.Insights -> InsightsRoute(r.presenter, app::quickExit)
        is Route.Evidence -> EvidenceRoute(r.presenter, zone, app::quickExit)
        is Route.People -> PeopleRoute(r.presenter, app::quickExit)
        is Route.Entry -> EntryRoute(r.presenter, app::quickExit)
        is Route.Backup -> BackupPane(r.presenter, zone, app::quickExit)
        is Route.Reminders -> RemindersPane(r.presenter, zone, app::quickExit)
    }
}

@Composable
private fun FirstRunRoute(p: FirstRunPresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    FirstRunScreen(
        state,
        FirstRunActions(
            onStart = p::start,
            onPasscode = p::passcodeChanged,
            onConfirm = p::confirmChanged,
            onBiometrics = p::biometricsChanged,
            onCreate = p::create,
            onTypedGroup = p::typedGroupChanged,
            onFinish = p::finish,
            onQuickExit = onQuickExit,
        ),
    )
}

@Composable
private fun UnlockRoute(p: UnlockPresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    UnlockScreen(state, UnlockActions(onPasscode = p::passcodeChanged, onUnlock = p::unlock, onQuickExit = onQuickExit))
}

private class HomeLinks(
    val onLog: () -> Unit,
    val onPlan: () -> Unit,
    val onSettings: () -> Unit,
    val onReflect: () -> Unit = {},
    val onInsights: () -> Unit = {},
    val onEvidence: () -> Unit = {},
    val onAddPerson: () -> Unit = {},
    val onDetails: (app.nocontact.core.EventKind, String?) -> Unit = { _, _ -> },
)

@Composable
private fun HomeRoute(p: HomePresenter, zone: ZoneId, links: HomeLinks, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    HomeScreen(
        state,
        HomeActions(
            onDismissBanner = p::dismissBanner,
            onOpen = p::open,
            onClose = p::close,
            onChoosePerson = p::choosePerson,
            onChannel = p::theyReachedOut,
            onUrge = p::urge,
            onMood = p::checkIn,
            onDraft = p::draftChanged,
            onWrite = p::write,
            onLog = links.onLog,
            onPlan = links.onPlan,
            onSettings = links.onSettings,
            onAddPerson = links.onAddPerson,
            onDetails = links.onDetails,
            onQuickExit = onQuickExit,
            onReflect = links.onReflect,
            onInsights = links.onInsights,
            onEvidence = links.onEvidence,
        ),
        zone,
    )
}

@Composable
private fun UrgeRoute(p: UrgePresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    UrgeScreen(
        state,
        UrgeActions(
            onToggleStep = p::toggleStep,
            onReach = p::reach,
            onWait = p::startWait,
            onLetter = p::letterChanged,
            onKeepLetter = p::keepLetter,
            onReachedOut = p::reachedOut,
            onEnd = p::end,
            onQuickExit = onQuickExit,
        ),
    )
}

@Composable
private fun LogRoute(p: LogPresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    LogScreen(
        state,
        LogActions(
            onFilter = p::filter,
            onMore = p::more,
            onOpen = p::open,
            onCloseDetail = p::closeDetail,
            onEdit = p::edit,
            onDraft = p::draftChanged,
            onSaveEdit = p::saveEdit,
            onCancelEdit = p::cancelEdit,
            onAskDelete = p::askDelete,
            onDelete = p::delete,
            onBack = p::back,
            onQuickExit = onQuickExit,
            onPerson = p::filterPerson,
            onPeriod = p::filterPeriod,
            onEditAll = p::editAll,
        ),
    )
}

@Composable
private fun PlanRoute(p: SafetyPlanPresenter, zone: ZoneId, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    SafetyPlanScreen(
        state,
        PlanActions(
            onCrisis = p::crisis,
            onNext = p::next,
            onPrevious = p::previous,
            onOverview = p::overview,
            onEdit = p::edit,
            onDraft = p::draftChanged,
            onSave = p::save,
            onHistory = p::history,
            onReach = p::reach,
            onBack = p::back,
            onQuickExit = onQuickExit,
        ),
        zone,
    )
}

@Composable
private fun SettingsRoute(p: SettingsPresenter, onQuickExit: () -> Unit, links: SettingsLinks) {
    val state by p.state.collectAsState()
    SettingsScreen(
        state,
        SettingsActions(
            onOpen = p::open,
            onList = p::list,
            onPasscode = p::passcodeChanged,
            onConfirm = p::confirmChanged,
            onChangePasscode = p::changePasscode,
            onSetDuress = p::setDuress,
            onRemoveDuress = p::removeDuress,
            onIdle = p::idleChosen,
            onEraseAfter = p::eraseAfterChosen,
            onAcceptLoss = p::acceptLossChanged,
            onSaveLock = p::saveLockPolicy,
            onTyped = p::typedChanged,
            onErase = p::erase,
            onBack = p::back,
            onQuickExit = onQuickExit,
            onPeople = links.onPeople,
            onBackup = links.onBackup,
            onReminders = links.onReminders,
        ),
    )
}

// Reflect, insights, evidence (APPS.md §2.8, §2.11, §2.12).

@Composable
private fun ReflectRoute(p: ReflectPresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    ReflectScreen(
        state,
        ReflectActions(
            onTab = p::tab,
            onTheme = p::theme,
            onMore = p::more,
            onWrite = p::write,
            onWriteLetter = p::writeLetter,
            onDraft = p::draftChanged,
            onSave = p::save,
            onCancelDraft = p::cancelDraft,
            onNewReason = p::newReasonChanged,
            onAddReason = p::addReason,
            onAccept = p::accept,
            onBack = p::back,
            onQuickExit = onQuickExit,
        ),
    )
}

@Composable
private fun InsightsRoute(p: InsightsPresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    InsightsScreen(state, InsightsActions(onPeriod = p::period, onPerson = p::person, onBack = p::back, onQuickExit = onQuickExit))
}

@Composable
private fun EvidenceRoute(p: EvidencePresenter, zone: ZoneId, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    EvidenceScreen(
        state,
        EvidenceActions(
            onPerson = p::person,
            onPeriod = p::period,
            onKind = p::toggleKind,
            onReflections = p::reflections,
            onExport = p::export,
            onCancel = p::cancel,
            onShare = p::share,
            onRecheck = p::recheck,
            onAgain = p::again,
            onMakeCheckpoint = p::makeCheckpoint,
            onCopyCheckpoint = p::copyCheckpoint,
            onShareCheckpoint = p::shareCheckpoint,
            onBack = p::back,
            onQuickExit = onQuickExit,
        ),
        zone,
    )
}

/** The screens settings leads to (lane B's). */
private class SettingsLinks(val onPeople: () -> Unit = {}, val onBackup: () -> Unit = {}, val onReminders: () -> Unit = {})

@Composable
private fun PeopleRoute(p: PeoplePresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    PeopleScreen(
        state,
        PeopleActions(
            onShowArchived = p::showArchived,
            onAddPerson = p::addPerson,
            onEditPerson = p::editPerson,
            onPerson = p::personChanged,
            onSavePerson = p::savePerson,
            onArchivePerson = p::setPersonArchived,
            onAddBoundary = p::addBoundary,
            onEditBoundary = p::editBoundary,
            onBoundary = p::boundaryChanged,
            onSaveBoundary = p::saveBoundary,
            onRetireBoundary = p::setBoundaryRetired,
            onAddTrigger = p::addTrigger,
            onEditTrigger = p::editTrigger,
            onTrigger = p::triggerChanged,
            onSaveTrigger = p::saveTrigger,
            onArchiveTrigger = p::setTriggerArchived,
            onCancel = p::cancel,
            onBack = p::back,
            onQuickExit = onQuickExit,
        ),
    )
}

@Composable
private fun EntryRoute(p: EntryPresenter, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    EntryScreen(state, EntryActions(onChange = p::changed, onSave = p::save, onBack = p::back, onQuickExit = onQuickExit))
}
