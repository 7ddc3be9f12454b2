package app.nocontact.app

import android.content.ClipData
import android.content.ClipDescription
import android.content.ClipboardManager
import android.content.Context
import android.content.Intent
import android.os.Build
import android.os.PersistableBundle

/** The clipboard and the share sheet for short texts (the checkpoint code). */
object Sharing {
    /**
     * Copies [text] marked as sensitive, so that Android 13 and later do not
     * show it in the clipboard preview.
     */
    fun copy(context: Context, text: String) {
        val clip = ClipData.newPlainText("", text)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            clip.description.extras = PersistableBundle().apply {
                putBoolean(ClipDescription.EXTRA_IS_SENSITIVE, true)
            }
        }
        context.getSystemService(ClipboardManager::class.java)?.setPrimaryClip(clip)
    }

    /** The share sheet for [text], to send to someone the person trusts. */
    fun shareText(context: Context, text: String, title: String): Intent =
        Intent.createChooser(Intent(Intent.ACTION_SEND).setType("text/plain").putExtra(Intent.EXTRA_TEXT, text), title)
}
