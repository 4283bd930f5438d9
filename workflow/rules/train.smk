# Training targets (build_corpus, train_audio2flame): see the speech stage.
