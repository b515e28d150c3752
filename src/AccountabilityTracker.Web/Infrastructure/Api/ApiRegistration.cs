using System.Text.Json.Serialization;
using AccountabilityTracker.Application.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountabilityTracker.Web.Infrastructure.Api;

public static class ApiRegistration
{
    public const string DocumentName = "v1";

    /// <summary>ProblemDetails for API errors, JSON enums as names, the OpenAPI document of /api/v1, and the upload size limits.</summary>
    public static IServiceCollection AddTrackerApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                context.ProblemDetails.Title = ApiProblems.TooLargeTitle;
            }
        });
        // First: an unreachable database is a 503 on pages and API alike, whatever the request was.
        services.AddExceptionHandler<DatabaseOutage>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<JsonOptions>(json => json.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Authorization (401/403) before content negotiation (415): a caller without the role learns nothing more.
        services.Configure<ApiBehaviorOptions>(api => api.SuppressConsumesConstraintForFormFileParameters = true);

        // Uploads may be a little over the 20 MB file limit so the user gets a clear message rather than a reset connection.
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = ImportLimits.MaxRequestBytes);

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            // Uploads are multipart (the consumes constraint is off so that 401/403 come first; say it here instead).
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ParameterDescriptions.Any(p => p.Type == typeof(IFormFile))
                    && operation.RequestBody?.Content is { } content
                    && content.Remove("application/x-www-form-urlencoded", out var form))
                {
                    content["multipart/form-data"] = form;
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer(ApiExamples.AddAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "AccountabilityTracker API",
                    Version = DocumentName,
                    Description = "Cases (read, create, update, archive, restore), their stages, milestones, officers and sources, stage clocks (pause, resume, extend, close), clocks, the duration report, exports and imports. Authenticate with a personal access token (profile → API tokens) as Authorization: Bearer atk_…",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token (atk_…) created on your profile page.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
