package app.nocontact.app

import android.content.Context
import java.io.File

/**
 * Where the app keeps its files. The vault is in `noBackupFilesDir` (never in
 * a cloud backup or a device transfer; the manifest turns backups off too),
 * under neutral names.
 */
object VaultLocation {
    fun vault(context: Context): File = File(File(context.noBackupFilesDir, "notebook"), "store.db").also { it.parentFile?.mkdirs() }

    /** Exports handed to the share sheet; emptied before each new one. */
    fun shared(context: Context): File = File(context.cacheDir, "shared")

    /** The person the widget's *They reached out* is about: an id only, no name. */
    fun widgetPerson(context: Context): String? =
        context.getSharedPreferences(PREFS, Context.MODE_PRIVATE).getString(WIDGET_PERSON, null)

    fun setWidgetPerson(context: Context, personId: String?) {
        context.getSharedPreferences(PREFS, Context.MODE_PRIVATE).edit().apply {
            if (personId == null) remove(WIDGET_PERSON) else putString(WIDGET_PERSON, personId)
        }.apply()
    }

    private const val PREFS = "notebook"
    private const val WIDGET_PERSON = "widget.person"
}
