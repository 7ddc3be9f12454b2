package app.nocontact.ui.evidence

import app.nocontact.client.CoreError
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.chainReport
import app.nocontact.client.exportEvidence
import app.nocontact.client.listPeople
import app.nocontact.client.makeCheckpoint
import app.nocontact.client.verifyEvidence
import app.nocontact.core.ChainReport
import app.nocontact.core.Checkpoint
import app.nocontact.core.EventKind
import app.nocontact.core.EvidenceOptions
import app.nocontact.core.EvidenceSummary
import app.nocontact.core.EvidenceVerdict
import app.nocontact.core.Person
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import java.io.File
import java.time.Duration
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.concurrent.atomic.AtomicBoolean

/** The periods offered: everything, or the last so many days. */
enum class EvidencePeriod(val days: Long?) { EVERYTHING(null), DAYS_30(30), DAYS_90(90), YEAR(365) }

/** The kinds offered, in this order; their attempts and my contacts are chosen at first. */
val EvidenceKinds: List<EventKind> = listOf(EventKind.THEIR_ATTEMPT, EventKind.MY_CONTACT, EventKind.URGE, EventKind.CHECK_IN)

sealed interface EvidencePhase {
    data object Choosing : EvidencePhase

    /** [done] of [total] records written so far (0 of 0 before the core has counted). */
    data class Exporting(val done: Long, val total: Long) : EvidencePhase

    /** Written to [folder] and checked offline. */
    data class Done(val summary: EvidenceSummary, val verdict: EvidenceVerdict, val folder: String) : EvidencePhase

    /** Stopped by the person: nothing was left behind. */
    data object Cancelled : EvidencePhase

    data class Failed(val error: CoreError) : EvidencePhase
}

data class EvidenceState(
    val loading: Boolean = true,
    val people: List<Person> = emptyList(),
    /** The person chosen, or null for everyone. */
    val personId: String? = null,
    val period: EvidencePeriod = EvidencePeriod.EVERYTHING,
    val kinds: Set<EventKind> = setOf(EventKind.THEIR_ATTEMPT, EventKind.MY_CONTACT),
    val includeReflections: Boolean = false,
    val chain: ChainReport? = null,
    val phase: EvidencePhase = EvidencePhase.Choosing,
    /** The checkpoint made on this screen, whose code is shown to copy. */
    val checkpoint: Checkpoint? = null,
    val copied: Boolean = false,
    val problem: Boolean = false,
) {
    /** Something is chosen to export. */
    val canExport: Boolean get() = kinds.isNotEmpty() || includeReflections
}

/**
 * Evidence: choose a person, a period and the kinds; export with a progress
 * bar and cancel; the verdict of the offline check of what was written; the
 * folder handed to the platform's share sheet; a checkpoint code to copy;
 * the chain's state [`export_evidence`, `verify_evidence`,
 * `make_checkpoint`, `chain_report`]. The core formats and checks
 * everything; this holds the choices and the phase.
 */
class EvidencePresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    /** Where exports are written (the app's own folder, not the gallery). */
    private val exportsDir: File,
    /** The platform's share sheet for the export folder. */
    private val onShare: (File) -> Unit = {},
    /** The platform's clipboard. */
    private val onCopy: (String) -> Unit = {},
    /** Told of each step of an export, on the vault thread (before the cancel is checked). */
    private val onProgress: (ULong, ULong) -> Unit = { _, _ -> },
    private val onBack: () -> Unit = {},
    /** The platform's share sheet for a short text (the checkpoint code, to text to an advocate). */
    private val onShareText: (String) -> Unit = {},
) {
    private val mutable = MutableStateFlow(EvidenceState())
    val state: StateFlow<EvidenceState> = mutable.asStateFlow()
    private val cancelled = AtomicBoolean(false)

    fun start() {
        scope.launch {
            val people = client.listPeople(includeArchived = true)
            val chain = client.chainReport()
            mutable.update {
                it.copy(
                    loading = false,
                    people = people.valueOrEmpty(),
                    chain = (chain as? Outcome.Ok)?.value,
                    problem = people is Outcome.Err || chain is Outcome.Err,
                )
            }
        }
    }

    private fun Outcome<List<Person>>.valueOrEmpty() = (this as? Outcome.Ok)?.value.orEmpty()

    fun person(id: String?) = choose { it.copy(personId = id) }

    fun period(p: EvidencePeriod) = choose { it.copy(period = p) }

    fun toggleKind(kind: EventKind) = choose { it.copy(kinds = if (kind in it.kinds) it.kinds - kind else it.kinds + kind) }

    fun reflections(on: Boolean) = choose { it.copy(includeReflections = on) }

    private fun choose(change: (EvidenceState) -> EvidenceState) = mutable.update { s ->
        if (s.phase is EvidencePhase.Exporting) s else change(s).copy(phase = EvidencePhase.Choosing)
    }

    fun export() {
        val s = mutable.value
        if (s.phase is EvidencePhase.Exporting || !s.canExport) return
        cancelled.set(false)
        mutable.update { it.copy(phase = EvidencePhase.Exporting(0, 0), copied = false) }
        scope.launch {
            val folder = newFolder()
            val options = EvidenceOptions(
                personId = s.personId,
                kinds = EvidenceKinds.filter { it in s.kinds },
                includeReflections = s.includeReflections,
                from = s.period.days?.let { Instant.now().minus(Duration.ofDays(it)) },
                until = null,
                zone = client.zone.id,
            )
            val written = client.exportEvidence(options, folder.path) { done, total ->
                mutable.update { st -> if (st.phase is EvidencePhase.Exporting) st.copy(phase = EvidencePhase.Exporting(done.toLong(), total.toLong())) else st }
                onProgress(done, total)
                !cancelled.get()
            }
            when (written) {
                is Outcome.Ok -> check(written.value, folder.path)
                is Outcome.Err -> mutable.update {
                    it.copy(phase = if (written.error == CoreError.Cancelled) EvidencePhase.Cancelled else EvidencePhase.Failed(written.error))
                }
            }
            refreshChain()
        }
    }

    /** Stops the export at its next step; the core leaves nothing behind. */
    fun cancel() {
        if (mutable.value.phase is EvidencePhase.Exporting) cancelled.set(true)
    }

    /** Checks the folder written again (after it was copied or shared), against the checkpoint made here if any. */
    fun recheck() {
        val done = mutable.value.phase as? EvidencePhase.Done ?: return
        scope.launch { check(done.summary, done.folder) }
    }

    private suspend fun check(summary: EvidenceSummary, folder: String) {
        when (val verdict = client.verifyEvidence(folder, mutable.value.checkpoint?.code)) {
            is Outcome.Ok -> mutable.update { it.copy(phase = EvidencePhase.Done(summary, verdict.value, folder)) }
            is Outcome.Err -> mutable.update { it.copy(phase = EvidencePhase.Failed(verdict.error)) }
        }
    }

    private suspend fun refreshChain() {
        val chain = client.chainReport()
        if (chain is Outcome.Ok) mutable.update { it.copy(chain = chain.value) }
    }

    /** A folder that does not exist yet, named by the time (nothing about the app or the person). */
    private fun newFolder(): File {
        exportsDir.mkdirs()
        val stamp = STAMP.format(Instant.now())
        var folder = File(exportsDir, "export-$stamp")
        var n = 2
        while (folder.exists()) folder = File(exportsDir, "export-$stamp-${n++}")
        return folder
    }

    fun share() {
        val done = mutable.value.phase as? EvidencePhase.Done ?: return
        onShare(File(done.folder))
    }

    /** Back to the choices, for another export. */
    fun again() = mutable.update { if (it.phase is EvidencePhase.Exporting) it else it.copy(phase = EvidencePhase.Choosing) }

    fun makeCheckpoint() {
        scope.launch {
            when (val made = client.makeCheckpoint()) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(checkpoint = made.value, copied = false, problem = false) }
                    refreshChain()
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun copyCheckpoint() {
        val code = mutable.value.checkpoint?.code ?: return
        onCopy(code)
        mutable.update { it.copy(copied = true) }
    }

    /** Hands the checkpoint code to the share sheet (the person picks messages, mail…); the app sends nothing itself. */
    fun shareCheckpoint() {
        val code = mutable.value.checkpoint?.code ?: return
        onShareText(code)
    }

    fun back() {
        // An export still running is stopped; nothing is left behind.
        cancel()
        onBack()
    }

    companion object {
        private val STAMP: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
    }
}
