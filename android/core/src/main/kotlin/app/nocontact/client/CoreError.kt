package app.nocontact.client

import app.nocontact.core.VaultException

/**
 * The one error type the screens switch over, mapped from the core's
 * [VaultException]. It carries no user text: `field` is an identifier chosen
 * by the core, `seconds` the wait it asks for.
 */
sealed interface CoreError {
    data object WrongSecret : CoreError
    data object Locked : CoreError
    data object NotFound : CoreError
    data class InvalidInput(val field: String) : CoreError
    data object Corrupt : CoreError
    data object UnsupportedVersion : CoreError
    data object Storage : CoreError
    data object AlreadyExists : CoreError
    data object InUse : CoreError
    data object Cancelled : CoreError
    data object WouldLoseEntries : CoreError
    data class TryLater(val seconds: Long) : CoreError
    data object Erased : CoreError

    /** Another window, process or object has this vault unlocked: lock it there first. */
    data object OpenElsewhere : CoreError

    /** The phone's storage is full: nothing was written, nothing was lost. */
    data object StorageFull : CoreError

    /** A variant this app version does not know (a newer core). */
    data object Unexpected : CoreError

    companion object {
        fun from(e: VaultException): CoreError = when (e) {
            is VaultException.WrongSecret -> WrongSecret
            is VaultException.Locked -> Locked
            is VaultException.NotFound -> NotFound
            is VaultException.InvalidInput -> InvalidInput(e.field)
            is VaultException.Corrupt -> Corrupt
            is VaultException.UnsupportedVersion -> UnsupportedVersion
            is VaultException.Storage -> Storage
            is VaultException.AlreadyExists -> AlreadyExists
            is VaultException.InUse -> InUse
            is VaultException.Cancelled -> Cancelled
            is VaultException.WouldLoseEntries -> WouldLoseEntries
            is VaultException.TryLater -> TryLater(e.seconds.toLong())
            is VaultException.Erased -> Erased
            is VaultException.OpenElsewhere -> OpenElsewhere
            is VaultException.StorageFull -> StorageFull
            // Variants added by a newer core land here until the app maps them.
            else -> Unexpected
        }
    }
}

/** What every call of [VaultClient] returns: a value or a [CoreError]. */
sealed interface Outcome<out T> {
    data class Ok<out T>(val value: T) : Outcome<T>
    data class Err(val error: CoreError) : Outcome<Nothing>
}

/** The value, or null on an error. */
fun <T> Outcome<T>.valueOrNull(): T? = (this as? Outcome.Ok)?.value

/** The error, or null on success. */
fun Outcome<*>.errorOrNull(): CoreError? = (this as? Outcome.Err)?.error

inline fun <T, R> Outcome<T>.map(transform: (T) -> R): Outcome<R> = when (this) {
    is Outcome.Ok -> Outcome.Ok(transform(value))
    is Outcome.Err -> this
}
