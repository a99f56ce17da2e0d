# Multi-stage build of the web app; runs as the image's non-root "app" user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Technopark.Domain/Technopark.Domain.csproj src/Technopark.Domain/
COPY src/Technopark.Infrastructure/Technopark.Infrastructure.csproj src/Technopark.Infrastructure/
COPY src/Technopark.Web/Technopark.Web.csproj src/Technopark.Web/
RUN dotnet restore src/Technopark.Web/Technopark.Web.csproj
COPY src/ src/
RUN dotnet publish src/Technopark.Web/Technopark.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Uploaded application documents live outside the image (a volume in docker-compose.yml).
# The Data Protection certificate too (another volume): never in the image, never in the database.
RUN mkdir -p /var/lib/technopark/documents /var/lib/technopark/keys && chown -R $APP_UID /var/lib/technopark
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DocumentsPath=/var/lib/technopark/documents
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Technopark.Web.dll"]
