## Checking a report.

status-reference = مهرباني ڪري پنهنجي رپورٽ جو ريفرنس نمبر لکو (اهو KHI-4F7K-Q9PX جهڙو هوندو آهي).
status-pin = هيءَ گمنام رپورٽ آهي. مهرباني ڪري ان جو 6 انگن وارو پن لکو.
status-wrong-pin = اهو پن صحيح ناهي.
status-locked = ڪيترائي ڀيرا غلط پن لکيو ويو آهي. توهان جي حفاظت لاءِ هيءَ رپورٽ هڪ ڪلاڪ لاءِ لاڪ ڪئي وئي آهي. مهرباني ڪري ڪجهه دير کانپوءِ ٻيهر ڪوشش ڪريو.
status-not-found = ان ريفرنس سان اهڙي ڪا رپورٽ نه ملي جيڪا توهان ڏسي سگهو. مهرباني ڪري نمبر چيڪ ڪري ٻيهر لکو، يا واپس وڃڻ لاءِ "مينيو" لکو.

status-show =
    رپورٽ:
    { $reference }
    { $category }، { $area } ۾
    صورتحال: { $status }
    آخري اپڊيٽ: { $updated }
status-note = پوليس طرفان پيغام: { $note }

status-received = ملي وئي آهي، جائزي جي انتظار ۾
status-in-review = پوليس جائزو وٺي رهي آهي
status-action-taken = پوليس ڪارروائي ڪئي آهي
status-closed = بند

status-changed =
    توهان جي رپورٽ بابت نئين ڄاڻ
    { $reference }
    صورتحال: { $status }
