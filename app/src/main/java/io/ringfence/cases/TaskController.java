package io.ringfence.cases;

import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The case handler's task list, always in the signed-in person's name. */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "Case handlers' task lists")
class TaskController {
    private final CaseTasks tasks;
    private final CaseStore store;

    TaskController(CaseTasks tasks, CaseStore store) {
        this.tasks = tasks;
        this.store = store;
    }

    record TaskPage(List<CaseTask> items, long total, int page, int size) {
    }

    record TaskView(CaseTask task, FraudCase fraudCase, List<String> form) {
    }

    @PreAuthorize("hasAnyRole('case-handler', 'supervisor')")
    @GetMapping
    @Operation(summary = "Open tasks you may work: yours, and unclaimed ones of your groups; escalated first")
    TaskPage list(@RequestParam(required = false) String name, @RequestParam(required = false) UUID caseId,
                  @RequestParam(required = false) String typology, @RequestParam(defaultValue = "false") boolean mine,
                  @RequestParam(defaultValue = "false") boolean escalated,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size);
        CaseStore.Page<CaseTask> p = tasks.available(new TaskQuery(name, caseId, typology, mine, escalated, page, size),
                CurrentUser.get());
        return new TaskPage(p.items(), p.total(), page, size);
    }

    @PreAuthorize("hasAnyRole('case-handler', 'supervisor')")
    @GetMapping("/{taskId}")
    @Operation(summary = "One task, its case and the fields of its outcome form")
    TaskView get(@PathVariable String taskId) {
        return view(tasks.visible(taskId, CurrentUser.get()));
    }

    @PreAuthorize("hasAnyRole('case-handler', 'supervisor')")
    @PostMapping("/{taskId}/claim")
    TaskView claim(@PathVariable String taskId) {
        return view(tasks.claim(taskId, CurrentUser.get()));
    }

    @PreAuthorize("hasAnyRole('case-handler', 'supervisor')")
    @PostMapping("/{taskId}/release")
    TaskView release(@PathVariable String taskId) {
        return view(tasks.release(taskId, CurrentUser.get()));
    }

    @PreAuthorize("hasAnyRole('case-handler', 'supervisor')")
    @PostMapping("/{taskId}/delegate")
    @Operation(summary = "Hands the task to a colleague: body {\"to\": \"user\"}")
    TaskView delegate(@PathVariable String taskId, @RequestBody Map<String, String> body) {
        return view(tasks.delegate(taskId, body == null ? null : body.get("to"), CurrentUser.get()));
    }

    @PreAuthorize("hasAnyRole('case-handler', 'supervisor')")
    @PostMapping("/{taskId}/complete")
    @Operation(summary = "Completes the task with its outcome form (see the task's form fields)")
    TaskView complete(@PathVariable String taskId, @RequestBody JsonNode form) {
        return view(tasks.complete(taskId, form, CurrentUser.get()));
    }

    private TaskView view(CaseTask t) {
        return new TaskView(t, store.find(t.caseId()).orElse(null), TaskForms.FIELDS.getOrDefault(t.name(), List.of()));
    }
}
