// The plugin's only export: the descriptor.
#include "kith/Plugin.h"
#include "sync/ImapProvider.h"

KITH_DECLARE_PROVIDER(kith::imap::ImapProvider, "imap", "IMAP (mail headers)", "0.1.0", kith::imap::kImapSettingSpecs)
