## صرف ٽيليگرام.

telegram-group-notice = ڏوهه جي رپورٽ ڪرڻ يا پوليس سان ڳالهائڻ لاءِ مهرباني ڪري مون کي الڳ ميسيج ڪريو، ته جيئن هن گروپ ۾ ٻيو ڪو نه ڏسي: { $link }

telegram-command-start = شروع ڪريو، يا ٻولي چونڊيو
telegram-command-menu = مکيه مينيو
telegram-command-help = هتي ڇا ڇا ٿي سگهي ٿو
telegram-command-language = ٻولي مٽايو
telegram-command-stop = الرٽ بند ڪريو
