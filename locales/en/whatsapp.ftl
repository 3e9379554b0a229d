## WhatsApp only.

whatsapp-group-notice = To report a crime or talk to the police, please message this number in a private chat, so that nobody else in this group sees it: { $link }
