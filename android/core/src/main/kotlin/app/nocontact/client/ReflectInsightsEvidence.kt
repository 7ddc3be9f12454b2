package app.nocontact.client

import app.nocontact.core.ChainReport
import app.nocontact.core.Checkpoint
import app.nocontact.core.EvidenceOptions
import app.nocontact.core.EvidenceSummary
import app.nocontact.core.EvidenceVerdict
import app.nocontact.core.Insights
import app.nocontact.core.LocalDate
import app.nocontact.core.MyReason
import app.nocontact.core.NewReflection
import app.nocontact.core.Person
import app.nocontact.core.ProgressListener
import app.nocontact.core.Prompt
import app.nocontact.core.ReasonSuggestion
import app.nocontact.core.Reflection
import app.nocontact.core.ReflectionBody
import app.nocontact.core.ReflectionFilter
import app.nocontact.core.ReflectionKind
import app.nocontact.core.ReflectionPage
import app.nocontact.core.ReflectionQuery

// The calls of Reflect, Insights and Evidence (APPS.md §2.8, §2.11, §2.12),
// each a `suspend` function on the vault thread returning an [Outcome], like
// the ones in VaultClient.kt.

/** The people, by alias; archived ones only when asked for. */
suspend fun VaultClient.listPeople(includeArchived: Boolean = false): Outcome<List<Person>> = call { it.listPeople(includeArchived) }

/** Today's prompt in the phone's zone. */
suspend fun VaultClient.promptOfToday(): Outcome<Prompt> = call {
    val today = java.time.LocalDate.now(zone)
    it.promptOfTheDay(LocalDate(today.year, today.monthValue.toUInt(), today.dayOfMonth.toUInt()))
}

/** The built-in prompt library (stable ids) and then the person's own prompts. */
suspend fun VaultClient.listPrompts(): Outcome<List<Prompt>> = call { it.listPrompts() }

/** A page of journal entries or letters, newest first. */
suspend fun VaultClient.listReflections(filter: ReflectionFilter, offset: UInt, limit: UInt): Outcome<ReflectionPage> =
    call { it.listReflections(ReflectionQuery(filter, null, null, null, offset, limit)) }

/** A letter to [personId]: kept in the vault, never sent. */
suspend fun VaultClient.writeLetter(personId: String, text: String): Outcome<Reflection> = call {
    it.addReflection(NewReflection(null, offsetNow(), ReflectionBody(ReflectionKind.UnsentLetter(personId), "", text, emptyList(), null)))
}

/** The person's reasons, in the order they added them. */
suspend fun VaultClient.listReasons(): Outcome<List<MyReason>> = call { it.listReasons() }

/** The built-in reasons not yet accepted. */
suspend fun VaultClient.reasonSuggestions(): Outcome<List<ReasonSuggestion>> = call { it.reasonSuggestions() }

/** A reason in the person's own words. */
suspend fun VaultClient.addReason(text: String): Outcome<MyReason> = call { it.addReason(text, null) }

/** Accepts a built-in suggestion as one of the person's reasons. */
suspend fun VaultClient.acceptReasonSuggestion(id: String): Outcome<MyReason> = call { it.acceptReasonSuggestion(id, null) }

/** Patterns over the last [weeks] weeks, for everyone or one person, in the phone's zone. */
suspend fun VaultClient.insights(weeks: UInt, personId: String?): Outcome<Insights> = call { it.insights(zone.id, weeks, personId) }

/** The chain as checked at unlock, with the records appended since. */
suspend fun VaultClient.chainReport(): Outcome<ChainReport> = call { it.chainReport() }

/** A new checkpoint of the chain as it is now, kept in the vault. */
suspend fun VaultClient.makeCheckpoint(): Outcome<Checkpoint> = call { it.makeCheckpoint() }

/**
 * Writes an evidence export into [folder] (which must not exist). [progress]
 * is told `done` of `total` on the vault thread and cancels by returning
 * false ([CoreError.Cancelled]; nothing is left behind).
 */
suspend fun VaultClient.exportEvidence(options: EvidenceOptions, folder: String, progress: (ULong, ULong) -> Boolean): Outcome<EvidenceSummary> =
    call {
        val listener = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong): Boolean = progress(done, total)
        }
        it.exportEvidence(options, folder, listener)
    }

/** The offline check of the export folder at [path], against [checkpointCode] when given. Needs no unlocked vault. */
suspend fun VaultClient.verifyEvidence(path: String, checkpointCode: String? = null): Outcome<EvidenceVerdict> =
    call { app.nocontact.core.verifyEvidence(path, checkpointCode) }
