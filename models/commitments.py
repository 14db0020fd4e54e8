def commitments_in(doc, speakers, attributions):
    return ()
