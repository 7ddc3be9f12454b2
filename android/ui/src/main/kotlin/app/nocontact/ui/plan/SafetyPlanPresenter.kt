package app.nocontact.ui.plan

import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.ChecklistItem
import app.nocontact.core.SafetyPlan
import app.nocontact.core.SafetyPlanSection
import app.nocontact.core.SafetyPlanVersion
import app.nocontact.core.SupportContact
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

enum class PlanMode { OVERVIEW, CRISIS, EDIT, HISTORY }

data class PlanState(
    val loading: Boolean = true,
    val plan: SafetyPlan? = null,
    /** The core's sections in reading order [`safety_plan_sections`]. */
    val sections: List<SafetyPlanSection> = emptyList(),
    val mode: PlanMode = PlanMode.OVERVIEW,
    /** Which section of [crisisSections] the crisis view shows. */
    val crisisIndex: Int = 0,
    val editing: SafetyPlanSection? = null,
    /** The section being edited, one item per line. */
    val draft: String = "",
    /** Every saved version, newest first. */
    val history: List<SafetyPlanVersion> = emptyList(),
    val saved: Boolean = false,
    val problem: Boolean = false,
) {
    /** The sections the crisis view walks through: the coping steps first, then the rest in order, the empty ones left out. */
    val crisisSections: List<SafetyPlanSection>
        get() {
            val p = plan ?: return emptyList()
            val first = sections.filter { it == SafetyPlanSection.COPING_STRATEGIES }
            return (first + sections.filter { it != SafetyPlanSection.COPING_STRATEGIES }).filter { lines(p, it).isNotEmpty() }
        }
}

/**
 * The safety plan: a crisis view one section at a time, the coping steps
 * first; editing a section (each save is a new version); the earlier
 * versions [`safety_plan`, `save_safety_plan`, `safety_plan_history`,
 * `safety_plan_sections`].
 */
class SafetyPlanPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    /** The platform opens its dialer or messages for a contact (the app itself sends nothing). */
    private val onReach: (SupportContact) -> Unit = {},
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(PlanState())
    val state: StateFlow<PlanState> = mutable.asStateFlow()

    fun start() {
        scope.launch { reload() }
    }

    private suspend fun reload() {
        when (val plan = client.call { it.safetyPlan() }) {
            is Outcome.Ok -> mutable.update { it.copy(loading = false, plan = plan.value, sections = app.nocontact.core.safetyPlanSections()) }
            is Outcome.Err -> mutable.update { it.copy(loading = false, problem = true) }
        }
    }

    fun crisis() = mutable.update { it.copy(mode = PlanMode.CRISIS, crisisIndex = 0, saved = false) }

    fun next() = mutable.update { it.copy(crisisIndex = (it.crisisIndex + 1).coerceAtMost((it.crisisSections.size - 1).coerceAtLeast(0))) }

    fun previous() = mutable.update { it.copy(crisisIndex = (it.crisisIndex - 1).coerceAtLeast(0)) }

    fun overview() = mutable.update { it.copy(mode = PlanMode.OVERVIEW, editing = null, saved = false) }

    fun edit(section: SafetyPlanSection) = mutable.update { s ->
        val p = s.plan ?: return@update s
        s.copy(mode = PlanMode.EDIT, editing = section, draft = lines(p, section).joinToString("\n"), saved = false, problem = false)
    }

    fun draftChanged(text: String) = mutable.update { it.copy(draft = text) }

    /** Saves the edited section as a new version of the plan. */
    fun save() {
        val s = mutable.value
        val plan = s.plan ?: return
        val section = s.editing ?: return
        val changed = withLines(plan, section, s.draft.lines().map { it.trim() }.filter { it.isNotEmpty() })
        scope.launch {
            when (client.call { it.saveSafetyPlan(changed) }) {
                is Outcome.Ok -> {
                    reload()
                    mutable.update { it.copy(mode = PlanMode.OVERVIEW, editing = null, saved = true, problem = false) }
                }
                // The core names the field it refused; the draft stays for the person to fix.
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun history() {
        scope.launch {
            when (val h = client.call { it.safetyPlanHistory() }) {
                is Outcome.Ok -> mutable.update { it.copy(mode = PlanMode.HISTORY, history = h.value, saved = false) }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun reach(contact: SupportContact) = onReach(contact)

    fun back() = onBack()
}

/** A section as lines of text: a contact is "name, how to reach"; a checklist line its text. */
fun lines(plan: SafetyPlan, section: SafetyPlanSection): List<String> = when (section) {
    SafetyPlanSection.WARNING_SIGNS -> plan.warningSigns
    SafetyPlanSection.COPING_STRATEGIES -> plan.copingStrategies
    SafetyPlanSection.DISTRACTIONS -> plan.distractions
    SafetyPlanSection.PEOPLE_TO_ASK -> plan.peopleToAsk.map(::contactLine)
    SafetyPlanSection.PROFESSIONALS -> plan.professionals.map(::contactLine)
    SafetyPlanSection.SAFE_ENVIRONMENT -> plan.safeEnvironment
    SafetyPlanSection.REASONS -> plan.reasons
    SafetyPlanSection.IF_THEY_SHOW_UP -> plan.ifTheyShowUp
    SafetyPlanSection.SAFE_PLACES -> plan.safePlaces
    SafetyPlanSection.CODE_WORD -> listOf(plan.codeWord).filter { it.isNotBlank() }
    SafetyPlanSection.GO_BAG -> plan.goBag.map { it.text }
    SafetyPlanSection.DOCUMENTS -> plan.documents.map { it.text }
}

private fun contactLine(c: SupportContact) = if (c.howToReach.isBlank()) c.name else "${c.name}, ${c.howToReach}"

private fun contact(line: String): SupportContact {
    val comma = line.indexOf(',')
    return if (comma < 0) SupportContact(line, "") else SupportContact(line.substring(0, comma).trim(), line.substring(comma + 1).trim())
}

/** Ticks kept for the lines whose text is unchanged. */
private fun checklist(old: List<ChecklistItem>, lines: List<String>) =
    lines.map { text -> ChecklistItem(text, old.firstOrNull { it.text == text }?.done ?: false) }

/** [plan] with [section] set from [lines] (everything else as it was). */
fun withLines(plan: SafetyPlan, section: SafetyPlanSection, lines: List<String>): SafetyPlan = when (section) {
    SafetyPlanSection.WARNING_SIGNS -> plan.copy(warningSigns = lines)
    SafetyPlanSection.COPING_STRATEGIES -> plan.copy(copingStrategies = lines)
    SafetyPlanSection.DISTRACTIONS -> plan.copy(distractions = lines)
    SafetyPlanSection.PEOPLE_TO_ASK -> plan.copy(peopleToAsk = lines.map(::contact))
    SafetyPlanSection.PROFESSIONALS -> plan.copy(professionals = lines.map(::contact))
    SafetyPlanSection.SAFE_ENVIRONMENT -> plan.copy(safeEnvironment = lines)
    SafetyPlanSection.REASONS -> plan.copy(reasons = lines)
    SafetyPlanSection.IF_THEY_SHOW_UP -> plan.copy(ifTheyShowUp = lines)
    SafetyPlanSection.SAFE_PLACES -> plan.copy(safePlaces = lines)
    SafetyPlanSection.CODE_WORD -> plan.copy(codeWord = lines.joinToString(" "))
    SafetyPlanSection.GO_BAG -> plan.copy(goBag = checklist(plan.goBag, lines))
    SafetyPlanSection.DOCUMENTS -> plan.copy(documents = checklist(plan.documents, lines))
}
