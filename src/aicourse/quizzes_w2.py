"""Question banks for Week 2's self-check quizzes (shown with ``views.QuizView``).

Privacy facts follow the Office of the Privacy Commissioner's plain-language summary of the
Information Privacy Principles (principles 1 to 7 only); Māori data sovereignty facts
follow Te Mana Raraunga. Scenarios are invented.
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

_PRINCIPLES = (
    "Principle 2: source (collect it from the person)",
    "Principle 3: tell people why it is collected, and who will get it",
    "Principle 7: people can ask for their information to be corrected",
)

#: Week 2, section 6: which privacy principle does each scenario engage?
WEEK2_PRIVACY: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "An online form asks for a client's weekly income but does not say why it is needed "
        "or who will see it.",
        _PRINCIPLES,
        _PRINCIPLES[1],
        "When an agency collects information from a person, it should tell them why, who "
        "will receive it, and whether they have to give it.",
        hint="The information comes from the client, so where it comes from is fine. What "
        "is the client not being told?",
    ),
    QuizQuestion(
        "To check an application, a staff member asks the client's neighbours about the "
        "client's household, instead of asking the client.",
        _PRINCIPLES,
        _PRINCIPLES[0],
        "Information should be collected from the person it is about, unless an exception applies.",
        hint="Look at who the information is coming from.",
    ),
    QuizQuestion(
        "A client sees that their recorded household size is wrong, and asks the agency to "
        "fix it before a model is trained on the records.",
        _PRINCIPLES,
        _PRINCIPLES[2],
        "People can ask for the information an agency holds about them to be corrected. "
        "A model trained on a wrong record learns the mistake too.",
        hint="Look at what the client is asking the agency to do.",
    ),
)

#: Week 2, end of lesson: check your understanding.
WEEK2_REVIEW: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "Why must a model be scored on examples it did not learn from?",
        (
            "Because scoring on the training examples takes too long",
            "Because its score on examples it learned from shows how well it remembers "
            "them, not how well it will do on new cases",
            "Because the training examples are always wrongly labelled",
        ),
        "Because its score on examples it learned from shows how well it remembers "
        "them, not how well it will do on new cases",
        "The memoriser was nearly perfect on the messages it had stored, and the worse of "
        "the two models on new ones.",
        hint="Think back to the memoriser's two scores.",
    ),
    QuizQuestion(
        "The same client appears twice in a table, once in the training set and once in the "
        "test set. What is the risk?",
        (
            "None: more rows always help",
            "The test score is flattered, because the model has already seen that client",
            "The model will refuse to train",
        ),
        "The test score is flattered, because the model has already seen that client",
        "A test is honest only if the test examples are new to the model. A duplicate "
        "that lands on both sides leaks the answer.",
        hint="Is the duplicate in the test set really new to the model?",
    ),
    QuizQuestion(
        "A model is trained on appointments where only 2% of clients are rural. What "
        "should you expect?",
        (
            "It is equally accurate for everyone, because it learned from 500 appointments",
            "It may be much less accurate for rural clients, even if its overall score looks good",
            "It will be more accurate for rural clients, because they stand out",
        ),
        "It may be much less accurate for rural clients, even if its overall score looks good",
        "It learned the town pattern and applied it to everyone. Check accuracy for each "
        "group, not only overall.",
        hint="Look back at the two lines on the representation chart.",
    ),
    QuizQuestion(
        "The most flexible curve passed through every training week exactly. How did it do "
        "on new weeks?",
        (
            "Perfectly, because it had no error on the training weeks",
            "Badly: it had memorised the noise in ten weeks, not the pattern",
            "The same as the straight line",
        ),
        "Badly: it had memorised the noise in ten weeks, not the pattern",
        "No error on the training data is a warning sign, not a triumph: the curve swung "
        "wildly between the weeks it had memorised.",
        hint="Look at the orange line on the right of the overfitting chart.",
    ),
    QuizQuestion(
        "Which statement about Māori data sovereignty is right?",
        (
            "It is one of the 13 Information Privacy Principles",
            "Te Mana Raraunga, the Māori Data Sovereignty Network, holds that Māori data "
            "should be subject to Māori governance",
            "It applies only to data that iwi organisations collect themselves",
        ),
        "Te Mana Raraunga, the Māori Data Sovereignty Network, holds that Māori data "
        "should be subject to Māori governance",
        "It is about who governs data about Māori. The Māori Data Governance Model (2023) "
        "was designed for use across the public service.",
        hint="Look back at section 7: who set out the principles, and what do they hold?",
    ),
)
