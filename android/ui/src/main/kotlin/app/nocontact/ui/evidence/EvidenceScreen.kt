package app.nocontact.ui.evidence

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.text.selection.SelectionContainer
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import app.nocontact.client.CoreError
import app.nocontact.core.ChainReport
import app.nocontact.core.EvidenceProblem
import app.nocontact.core.EvidenceVerdict
import app.nocontact.ui.components.Panel
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.LocalStrings
import app.nocontact.ui.strings.Strings
import app.nocontact.ui.strings.plural
import app.nocontact.ui.strings.str
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.Locale

class EvidenceActions(
    val onPerson: (String?) -> Unit = {},
    val onPeriod: (EvidencePeriod) -> Unit = {},
    val onKind: (app.nocontact.core.EventKind) -> Unit = {},
    val onReflections: (Boolean) -> Unit = {},
    val onExport: () -> Unit = {},
    val onCancel: () -> Unit = {},
    val onShare: () -> Unit = {},
    val onRecheck: () -> Unit = {},
    val onAgain: () -> Unit = {},
    val onMakeCheckpoint: () -> Unit = {},
    val onCopyCheckpoint: () -> Unit = {},
    val onShareCheckpoint: () -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

/** The chain's state in words, from the core's report. */
fun chainText(s: Strings, c: ChainReport): String =
    if (c.intact && c.issues.isEmpty()) {
        s.get("evidence_chain_intact", c.records.toLong())
    } else {
        (listOf(s.get("evidence_chain_issues")) + c.issues.map { s.get(enumKey("chain_issue", it.kind), it.firstSeq.toLong(), it.lastSeq.toLong()) }).joinToString(" ")
    }

/** One problem the offline check found, in words (the file it is in, when it names one). */
fun problemText(s: Strings, p: EvidenceProblem): String {
    val words = s.get(enumKey("evidence_problem", p.kind))
    return p.file?.let { s.get("evidence_problem_in", words, it) } ?: words
}

/** The verdict in words, from the core's counts. */
fun verdictText(s: Strings, v: EvidenceVerdict): String =
    if (v.valid) {
        val counts = s.get("evidence_valid", v.records.toLong(), v.included.toLong(), v.omitted.toLong())
        v.checkpointCount?.let { counts + " " + s.get("evidence_valid_checkpoint", it.toLong()) } ?: counts
    } else {
        v.problems.take(PROBLEMS_SHOWN).joinToString("\n") { problemText(s, it) }
    }

private const val PROBLEMS_SHOWN = 5

private val MADE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.getDefault())

@Composable
fun EvidenceScreen(state: EvidenceState, actions: EvidenceActions, zone: ZoneId) {
    val s = LocalStrings.current
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("evidence_title"))
        // What an export is, while choosing one; the verdict and the progress speak for themselves.
        if (state.phase !is EvidencePhase.Exporting && state.phase !is EvidencePhase.Done) Body(str("evidence_explain"))
        if (state.problem) Note(str("evidence_problem"))
        state.chain?.let { chain ->
            Panel(Modifier.testTag("chain")) {
                Subtitle(str("evidence_chain_title"))
                Text(chainText(s, chain), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
            }
        }
        if (state.loading) {
            Body(str("evidence_loading"))
            return@ScreenFrame
        }
        when (val phase = state.phase) {
            is EvidencePhase.Exporting -> Exporting(phase, actions)
            is EvidencePhase.Done -> Done(phase, actions)
            else -> {
                Choices(state, actions)
                if (phase is EvidencePhase.Cancelled) Note(str("evidence_cancelled"), Modifier.testTag("export_cancelled"))
                if (phase is EvidencePhase.Failed) Note(str(failedKey(phase.error)), Modifier.testTag("export_failed"))
                PrimaryButton(str("evidence_export"), actions.onExport, enabled = state.canExport, modifier = Modifier.testTag("export"))
            }
        }
        Checkpoint(state, actions, zone)
        SecondaryButton(str("evidence_back"), actions.onBack, Modifier.testTag("evidence_back"))
    }
}

private fun failedKey(e: CoreError) = when (e) {
    CoreError.Corrupt -> "evidence_failed_corrupt"
    CoreError.StorageFull -> "evidence_failed_full"
    else -> "evidence_failed"
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Choices(state: EvidenceState, actions: EvidenceActions) {
    Subtitle(str("evidence_whose"))
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Pick(str("evidence_everyone"), state.personId == null, Modifier.testTag("person_all")) { actions.onPerson(null) }
        state.people.forEach { p -> Pick(p.alias, state.personId == p.id, Modifier.testTag("person_${p.id}")) { actions.onPerson(p.id) } }
    }
    Subtitle(str("evidence_when"))
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        EvidencePeriod.entries.chunked(if (LocalDensity.current.fontScale > 1.3f) 1 else 2).forEach { pair ->
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxWidth()) {
                pair.forEach { p ->
                    Pick(str(enumKey("evidence_period", p)), state.period == p, Modifier.weight(1f).testTag("period_${p.name.lowercase()}"), tight = true) { actions.onPeriod(p) }
                }
            }
        }
    }
    Subtitle(str("evidence_what"))
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        EvidenceKinds.forEach { k -> Pick(str(enumKey("event_kind", k)), k in state.kinds, Modifier.testTag("kind_${k.name.lowercase()}")) { actions.onKind(k) } }
        Pick(str("evidence_reflections"), state.includeReflections, Modifier.testTag("kind_reflections")) { actions.onReflections(!state.includeReflections) }
    }
}

@Composable
private fun Exporting(phase: EvidencePhase.Exporting, actions: EvidenceActions) {
    val label = if (phase.total > 0) str("evidence_progress", phase.done, phase.total) else str("evidence_progress_counting")
    Subtitle(str("evidence_exporting"))
    LinearProgressIndicator(
        progress = { if (phase.total > 0) phase.done.toFloat() / phase.total.toFloat() else 0f },
        modifier = Modifier.fillMaxWidth().heightIn(min = 8.dp).testTag("export_progress").semantics { contentDescription = label },
    )
    Body(label, Modifier.testTag("export_progress_text"))
    SecondaryButton(str("evidence_cancel"), actions.onCancel, Modifier.testTag("export_cancel"))
}

@Composable
private fun Done(phase: EvidencePhase.Done, actions: EvidenceActions) {
    val s = LocalStrings.current
    val v = phase.verdict
    Surface(
        color = if (v.valid) MaterialTheme.colorScheme.primaryContainer else MaterialTheme.colorScheme.secondaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().testTag("verdict"),
    ) {
        val on = if (v.valid) MaterialTheme.colorScheme.onPrimaryContainer else MaterialTheme.colorScheme.onSecondaryContainer
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(str(if (v.valid) "evidence_valid_title" else "evidence_invalid_title"), style = MaterialTheme.typography.titleMedium, color = on, modifier = Modifier.semantics { heading() })
            Text(verdictText(s, v), style = MaterialTheme.typography.bodyLarge, color = on, modifier = Modifier.testTag("verdict_text"))
        }
    }
    Body(plural("evidence_entries", phase.summary.entries.toInt(), phase.summary.entries.toInt()), Modifier.testTag("export_entries"))
    PrimaryButton(str("evidence_share"), actions.onShare, modifier = Modifier.testTag("share"))
    SecondaryButton(str("evidence_recheck"), actions.onRecheck, Modifier.testTag("recheck"))
    SecondaryButton(str("evidence_again"), actions.onAgain, Modifier.testTag("again"))
}

@Composable
private fun Checkpoint(state: EvidenceState, actions: EvidenceActions, zone: ZoneId) {
    Panel(Modifier.testTag("checkpoint")) {
        Subtitle(str("evidence_checkpoint_title"))
        Text(str("evidence_checkpoint_explain"), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
        val cp = state.checkpoint
        if (cp == null) {
            SecondaryButton(str("evidence_checkpoint_make"), actions.onMakeCheckpoint, Modifier.testTag("make_checkpoint"))
        } else {
            SelectionContainer {
                Text(cp.code, style = MaterialTheme.typography.titleLarge, color = MaterialTheme.colorScheme.onSurface, modifier = Modifier.testTag("checkpoint_code"))
            }
            Text(
                str("evidence_checkpoint_made", MADE.format(cp.madeAt.atZone(zone)), cp.records.toLong()),
                style = MaterialTheme.typography.bodyMedium,
                color = MaterialTheme.colorScheme.onSurfaceVariant,
            )
            SecondaryButton(str("evidence_checkpoint_copy"), actions.onCopyCheckpoint, Modifier.testTag("copy_checkpoint"))
            SecondaryButton(str("evidence_checkpoint_share"), actions.onShareCheckpoint, Modifier.testTag("share_checkpoint"))
            if (state.copied) Text(str("evidence_checkpoint_copied"), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface, modifier = Modifier.testTag("copied"))
        }
    }
}

@Composable
private fun Subtitle(text: String) {
    Text(text, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onBackground, modifier = Modifier.semantics { heading() })
}


